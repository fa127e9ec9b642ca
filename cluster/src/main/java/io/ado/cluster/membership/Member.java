package io.ado.cluster.membership;

import io.ado.cluster.NodeId;

/**
 * One known peer inside {@link Membership}: its connection status, last heartbeat figures,
 * and its reconnect schedule ({@code attempts} so far, next dial not before {@code nextDialAt}).
 */
public record Member(NodeId id, NodeStatus status, long lastHeartbeatAt, int processCount, long uptimeMs,
                     int attempts, long nextDialAt) {

    static Member learned(NodeId id, long now) { return new Member(id, NodeStatus.DISCONNECTED, 0, 0, 0, 0, now); }

    public boolean isUp() { return status == NodeStatus.CONNECTED; }

    Member withStatus(NodeStatus s) { return new Member(id, s, lastHeartbeatAt, processCount, uptimeMs, attempts, nextDialAt); }

    Member up(long now) { return new Member(id, NodeStatus.CONNECTED, now, processCount, uptimeMs, 0, nextDialAt); }

    Member heartbeat(long now, int processes, long uptime) {
        return new Member(id, status, now, processes, uptime, attempts, nextDialAt);
    }

    Member retryAt(long at) { return new Member(id, NodeStatus.DISCONNECTED, lastHeartbeatAt, processCount, uptimeMs, attempts + 1, at); }

    public NodeInfo info() { return new NodeInfo(id, status, processCount, uptimeMs, lastHeartbeatAt); }
}
