/**
 * The entry points of the cluster library (seed 003): {@link io.ado.cluster.ClusterNode} (one
 * node: lifecycle, events, remote call/cast), the static {@link io.ado.cluster.Cluster} facade,
 * {@link io.ado.cluster.ClusterConfig} and {@link io.ado.cluster.NodeId}.
 *
 * <p>Below it, pure decisions in {@code membership}, I/O in {@code transport}, remote process
 * messaging in {@code remote}: these three use only the value types {@code NodeId} and
 * {@code ClusterConfig} from here. {@code supervisor} (seed 002) is built on top of a node.
 */
package io.ado.cluster;
