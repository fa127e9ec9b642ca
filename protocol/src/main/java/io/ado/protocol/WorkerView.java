package io.ado.protocol;

import java.util.List;
import java.util.Map;

/**
 * A worker as the API shows it; times are epoch milliseconds. {@code metadata}: what the worker
 * reported of itself at registration (e.g. {@code containerEngine}, {@code containerEngineVersion}).
 */
public record WorkerView(String id, String hostname, WorkerStatus status, List<String> capabilities, int cpus,
                         long memoryBytes, String accessMode, String provider, int slots, List<String> runningTasks,
                         double cpuPercent, double memoryPercent, double successRate, long registeredAt,
                         long lastHeartbeat, Map<String, String> metadata) {
    public WorkerView {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
