/**
 * The vocabulary every layer of the cluster library shares (seed 003): {@link
 * io.ado.cluster.NodeId}, {@link io.ado.cluster.NodeDownReason}, {@link
 * io.ado.cluster.ClusterConfig}, {@link io.ado.cluster.ClusterStatus}, seed addresses and their
 * resolver. Pure values; this package depends on no sub-package.
 *
 * <p>Above it, pure decisions in {@code membership}, I/O in {@code transport}, remote process
 * messaging in {@code remote}, one running node in {@code node}, supervision across nodes
 * (seed 002) in {@code supervisor}, and the seed's static {@code Cluster} in {@code facade}.
 */
package io.ado.cluster;
