package io.ado.cluster.membership;

import io.ado.cluster.NodeId;
import java.util.List;

/**
 * The failure detector: a connected peer is down once no heartbeat has arrived for
 * {@code interval * missThreshold} (the seed's rule: each interval without one is a miss).
 * Pure: the shell reads the clock and passes {@code now}.
 */
public record HeartbeatMonitor(long intervalMs, int missThreshold) {

    public HeartbeatMonitor {
        if (intervalMs <= 0 || missThreshold < 1) throw new IllegalArgumentException("interval and threshold must be positive");
    }

    public long timeoutMs() { return intervalMs * missThreshold; }

    /** Whole intervals missed since the last heartbeat. */
    public long missed(Member m, long now) { return Math.max(0, (now - m.lastHeartbeatAt()) / intervalMs); }

    /** Connected peers that have reached the miss threshold, in id order. */
    public List<NodeId> expired(Membership membership, long now) {
        return membership.members().stream()
                .filter(m -> m.isUp() && now - m.lastHeartbeatAt() >= timeoutMs())
                .map(Member::id).sorted().toList();
    }

    /** How often the shell should check: fine enough to detect within a quarter interval. */
    public long checkPeriodMs() { return Math.max(5, intervalMs / 4); }
}
