package io.ado.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Controller → a subscriber of one task's output. {@code seq} is the task-wide sequence
 * number assigned by the controller: a subscriber that reconnects asks for {@code from = last + 1}.
 * {@link End} is always the last message.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StreamMessage.Chunk.class, name = "chunk"),
    @JsonSubTypes.Type(value = StreamMessage.Status.class, name = "status"),
    @JsonSubTypes.Type(value = StreamMessage.End.class, name = "end"),
})
public sealed interface StreamMessage {
    /** The task this message is about. */
    String taskId();

    record Chunk(String taskId, long seq, int attempt, OutputStream stream, String data, long at) implements StreamMessage {}

    record Status(String taskId, TaskStatus status, int attempt, String workerId, String error) implements StreamMessage {}

    record End(String taskId, TaskStatus status, Integer exitCode, String error) implements StreamMessage {}
}
