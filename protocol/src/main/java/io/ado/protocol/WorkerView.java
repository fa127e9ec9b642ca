package io.ado.protocol;

import java.util.List;

/** A worker as the API shows it; times are epoch milliseconds. */
public record WorkerView(String id, String hostname, WorkerStatus status, List<String> capabilities, int cpus,
                         long memoryBytes, String accessMode, String provider, int slots, List<String> runningTasks,
                         double cpuPercent, double memoryPercent, double successRate, long registeredAt,
                         long lastHeartbeat) {}
