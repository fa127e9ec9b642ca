package io.ado.controller.health;

import io.ado.controller.registry.WorkerEntry;
import io.ado.protocol.Event;
import io.ado.protocol.WorkerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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

    /** Seed 000 anomaly events for one heartbeat: cpu above 90 %, memory above 85 % (configurable). */
    public List<Event> anomalies(String workerId, double cpuPercent, double memoryPercent, Instant now) {
        List<Event> out = new ArrayList<>(2);
        if (cpuPercent > settings.highCpuPercent()) {
            out.add(new Event("worker.high_cpu", now.toEpochMilli(), Map.of("workerId", workerId, "cpuUsage", cpuPercent)));
        }
        if (memoryPercent > settings.highMemoryPercent()) {
            out.add(new Event("worker.high_memory", now.toEpochMilli(), Map.of("workerId", workerId, "memoryUsage", memoryPercent)));
        }
        return out;
    }

    /** A heartbeat from an unhealthy worker brings it back. */
    public boolean recovers(WorkerEntry w) { return w.status() == WorkerStatus.UNHEALTHY; }
}
