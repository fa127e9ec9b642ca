package io.ado.cluster.membership;

import io.ado.cluster.NodeId;

/**
 * What this node knows about a peer: its status and the figures from its last heartbeat.
 * {@code lastHeartbeatAt} is epoch milliseconds of the injected clock.
 */
public record NodeInfo(NodeId id, NodeStatus status, int processCount, long uptimeMs, long lastHeartbeatAt) {}
