package io.ado.protocol;

import java.util.List;

/** One page of a task's stored output ({@code GET /api/v1/tasks/{id}/output?from=N}); {@code next} is the seq to ask for next. */
public record OutputPage(String taskId, TaskStatus status, List<StreamMessage.Chunk> chunks, long next) {
    public OutputPage { chunks = List.copyOf(chunks); }
}
