/**
 * What a node knows of its peers, as pure values and rules: the immutable {@link Membership}
 * with its {@link Member}s, the gossip merge ({@link Gossip}), the heartbeat miss-threshold
 * failure detector ({@link HeartbeatMonitor}) and each member's reconnect schedule (attempts, next
 * dial; the delays come from {@code io.ado.runtime.Backoff}). Nothing here reads
 * a clock, starts a thread or touches a socket: callers pass {@code now}.
 */
package io.ado.cluster.membership;
