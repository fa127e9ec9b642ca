package io.ado.protocol;

/** One attempt of a task as the API shows it. */
public record AttemptView(int number, String workerId, TaskStatus status, Integer exitCode, String error,
                          long startedAt, Long finishedAt) {}
