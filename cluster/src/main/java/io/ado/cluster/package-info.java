/**
 * P2P cluster membership (seed 003): {@link io.ado.cluster.NodeId}, seeds, gossip until full
 * mesh, heartbeats with a miss threshold, reconnect backoff, an HMAC-authenticated framed
 * transport, and remote call/cast/monitor for {@link io.ado.runtime.ProcessRuntime} processes.
 *
 * <p>Decisions ({@link io.ado.cluster.Membership}, {@link io.ado.cluster.HeartbeatMonitor},
 * {@link io.ado.cluster.Gossip}, {@link io.ado.cluster.ReconnectBackoff},
 * {@link io.ado.cluster.LinkTieBreak}) are pure; {@link io.ado.cluster.ClusterNode} is the
 * shell that does I/O through a {@link io.ado.cluster.Transport}.
 */
package io.ado.cluster;
