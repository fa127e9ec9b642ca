package io.ado.controller.state;

import io.ado.protocol.OutputStream;
import io.ado.protocol.StreamMessage;

/** A stored piece of a task's output; {@code seq} is task-wide, {@code workerSeq} is per attempt. */
public record OutputChunk(String taskId, long seq, int attempt, long workerSeq, OutputStream stream, String data, long at) {
    public StreamMessage.Chunk message() { return new StreamMessage.Chunk(taskId, seq, attempt, stream, data, at); }
}
