package io.ado.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/** Worker → controller, over the one WebSocket the worker opens. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = WorkerMessage.Register.class, name = "register"),
    @JsonSubTypes.Type(value = WorkerMessage.Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = WorkerMessage.Started.class, name = "started"),
    @JsonSubTypes.Type(value = WorkerMessage.Output.class, name = "output"),
    @JsonSubTypes.Type(value = WorkerMessage.Completed.class, name = "completed"),
    @JsonSubTypes.Type(value = WorkerMessage.Failed.class, name = "failed"),
})
public sealed interface WorkerMessage {

    /**
     * First message on every connection; {@code running} lists attempts still alive on the worker (after a reconnect).
     * A worker may prove who it is with {@code joinToken} (single-use, minted for this worker id) or, on a
     * reconnect, with the {@code reconnectToken} its join earned; both are optional (left out of the JSON
     * when null, so the wire stays compatible) and never shown by {@link #toString}.
     */
    record Register(int protocolVersion, String workerId, String hostname, List<String> capabilities, int cpus,
                    long memoryBytes, String accessMode, String provider, int slots, List<AttemptRef> running,
                    String joinToken, String reconnectToken, Map<String, String> metadata)
            implements WorkerMessage {
        public Register {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            if (workerId == null || workerId.isBlank()) throw new IllegalArgumentException("workerId: must not be blank");
            if (slots < 1) throw new IllegalArgumentException("slots: must be at least 1");
            capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
            running = running == null ? List.of() : List.copyOf(running);
        }

        /** Without credentials: a worker let in by the API token (or a controller without one). */
        public Register(int protocolVersion, String workerId, String hostname, List<String> capabilities, int cpus,
                        long memoryBytes, String accessMode, String provider, int slots, List<AttemptRef> running) {
            this(protocolVersion, workerId, hostname, capabilities, cpus, memoryBytes, accessMode, provider, slots, running, null, null, Map.of());
        }

        /** Without metadata (what the worker's runtimes found, e.g. its container engine). */
        public Register(int protocolVersion, String workerId, String hostname, List<String> capabilities, int cpus,
                        long memoryBytes, String accessMode, String provider, int slots, List<AttemptRef> running, String joinToken,
                        String reconnectToken) {
            this(protocolVersion, workerId, hostname, capabilities, cpus, memoryBytes, accessMode, provider, slots, running, joinToken, reconnectToken,
                    Map.of());
        }

        @Override
        public String toString() {
            return "Register[protocolVersion=" + protocolVersion + ", workerId=" + workerId + ", hostname=" + hostname
                    + ", capabilities=" + capabilities + ", cpus=" + cpus + ", memoryBytes=" + memoryBytes + ", accessMode=" + accessMode
                    + ", provider=" + provider + ", slots=" + slots + ", running=" + running
                    + ", joinToken=" + Secrets.mask(joinToken) + ", reconnectToken=" + Secrets.mask(reconnectToken) + "]";
        }
    }

    record Heartbeat(double cpuPercent, double memoryPercent, List<AttemptRef> running, boolean draining) implements WorkerMessage {
        public Heartbeat { running = running == null ? List.of() : List.copyOf(running); }
    }

    record Started(String taskId, int attempt) implements WorkerMessage {}

    /** {@code seq} counts chunks within one attempt from 0, so the controller can drop a resent chunk. */
    record Output(String taskId, int attempt, long seq, OutputStream stream, String data) implements WorkerMessage {}

    record Completed(String taskId, int attempt, int exitCode) implements WorkerMessage {}

    /** The attempt could not run or was stopped (timeout, cancel, spawn error); exitCode when there was one. */
    record Failed(String taskId, int attempt, String reason, Integer exitCode) implements WorkerMessage {}
}
