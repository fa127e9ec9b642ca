package io.ado.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Controller → worker. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControllerMessage.Registered.class, name = "registered"),
    @JsonSubTypes.Type(value = ControllerMessage.Assign.class, name = "assign"),
    @JsonSubTypes.Type(value = ControllerMessage.Cancel.class, name = "cancel"),
    @JsonSubTypes.Type(value = ControllerMessage.Drain.class, name = "drain"),
    @JsonSubTypes.Type(value = ControllerMessage.Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = ControllerMessage.Error.class, name = "error"),
})
public sealed interface ControllerMessage {

    /**
     * The worker is registered. {@code reconnectToken} (optional) is handed to a worker that joined with a join
     * token: it presents it instead on every later register, as the join token is single-use. Never shown by
     * {@link #toString}.
     */
    record Registered(int protocolVersion, String workerId, long heartbeatIntervalMs, String reconnectToken) implements ControllerMessage {
        public Registered(int protocolVersion, String workerId, long heartbeatIntervalMs) { this(protocolVersion, workerId, heartbeatIntervalMs, null); }

        @Override
        public String toString() {
            return "Registered[protocolVersion=" + protocolVersion + ", workerId=" + workerId + ", heartbeatIntervalMs=" + heartbeatIntervalMs
                    + ", reconnectToken=" + Secrets.mask(reconnectToken) + "]";
        }
    }

    record Assign(String taskId, int attempt, TaskSpec spec) implements ControllerMessage {}

    record Cancel(String taskId, int attempt, String reason) implements ControllerMessage {}

    record Drain(String reason) implements ControllerMessage {}

    /** The controller has durably recorded the end of this attempt; the worker may forget it. */
    record Ack(String taskId, int attempt) implements ControllerMessage {}

    record Error(String error, String message) implements ControllerMessage {}
}
