package io.ado.controller.state;

import io.ado.protocol.WorkerStatus;
import java.util.List;

/** The durable part of a worker: what it registered with and its last known status. */
public record WorkerRow(String id, String hostname, List<String> capabilities, int cpus, long memoryBytes, String accessMode,
                        String provider, int slots, WorkerStatus status, long registeredAt, long lastHeartbeat, long version) {
    public WorkerRow { capabilities = List.copyOf(capabilities); }
}
