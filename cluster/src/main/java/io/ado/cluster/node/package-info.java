/**
 * One running cluster node (seed 003): {@link io.ado.cluster.node.ClusterNode} (lifecycle,
 * events, remote call/cast, stats) and its builder. Inside, a node is a facade over
 * {@code NodeState} (the one lock), {@code LinkManager}, {@code HeartbeatRound} and
 * {@code GossipRound}; {@code DnsSeeds} re-resolves DNS seeds while the node is alone.
 *
 * <p>Built on {@code membership}, {@code transport} and {@code remote}; {@code supervisor} and
 * the static {@code facade} sit on top of it.
 */
package io.ado.cluster.node;
