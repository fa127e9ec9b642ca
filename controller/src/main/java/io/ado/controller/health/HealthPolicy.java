package io.ado.controller.health;

import io.ado.controller.registry.WorkerEntry;
import io.ado.protocol.WorkerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Pure health decisions: no clock of its own, no threads; the caller passes {@code now}. */
public record HealthPolicy(HealthSettings settings) {

    public List<HealthAction> check(Collection<WorkerEntry> workers, Instant now) {
        long t = now.toEpochMilli();
        List<HealthAction> out = new ArrayList<>();
        for (WorkerEntry w : workers) {
            switch (w.status()) {
                case DISCONNECTED -> {
                    if (t - w.statusSince() >= settings.reconnectWindow().toMillis()) {
                        out.add(new HealthAction.Unregister(w.id(), "connection_lost"));
                    }
                }
                case UNHEALTHY -> {
                    if (t - w.statusSince() >= settings.unhealthyGracePeriod().toMillis()) {
                        out.add(new HealthAction.Unregister(w.id(), "heartbeat_timeout"));
                    }
                }
                case OFFLINE -> { }
                default -> {
                    if (t - w.lastHeartbeat() > settings.timeoutThreshold().toMillis()) {
                        out.add(new HealthAction.MarkUnhealthy(w.id(), "heartbeat_timeout"));
                    }
                }
            }
        }
        return out;
    }

    /** Seed 000 anomaly: cpu above 90 % in a heartbeat (configurable). */
    public boolean highCpu(double cpuPercent) { return cpuPercent > settings.highCpuPercent(); }

    /** Seed 000 anomaly: memory above 85 % in a heartbeat (configurable). */
    public boolean highMemory(double memoryPercent) { return memoryPercent > settings.highMemoryPercent(); }

    /** A heartbeat from an unhealthy worker brings it back. */
    public boolean recovers(WorkerEntry w) { return w.status() == WorkerStatus.UNHEALTHY; }
}
