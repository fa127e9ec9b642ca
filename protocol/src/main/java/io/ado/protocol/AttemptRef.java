package io.ado.protocol;

/** One attempt of a task; {@code attempt} is the fencing number: only the current attempt may report. */
public record AttemptRef(String taskId, int attempt) {}
