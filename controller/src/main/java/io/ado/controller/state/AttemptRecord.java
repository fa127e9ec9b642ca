package io.ado.controller.state;

import io.ado.protocol.AttemptView;
import io.ado.protocol.TaskStatus;

/** One run of a task on one worker; {@code attempt} is its fencing number. */
public record AttemptRecord(String taskId, int attempt, String workerId, TaskStatus status, Integer exitCode, String error,
                            long startedAt, Long finishedAt) {

    public AttemptRecord ended(TaskStatus end, Integer code, String why, long now) {
        return new AttemptRecord(taskId, attempt, workerId, end, code, why, startedAt, now);
    }

    public AttemptRecord withStatus(TaskStatus s) {
        return new AttemptRecord(taskId, attempt, workerId, s, exitCode, error, startedAt, finishedAt);
    }

    public AttemptView view() { return new AttemptView(attempt, workerId, status, exitCode, error, startedAt, finishedAt); }
}
