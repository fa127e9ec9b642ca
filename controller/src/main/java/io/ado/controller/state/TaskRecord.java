package io.ado.controller.state;

import io.ado.protocol.AttemptView;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import java.util.List;

/**
 * A task row. {@code attempt} counts attempts started so far (0 while never placed) and is the
 * fencing number of the current one; {@code version} is the optimistic-lock counter.
 */
public record TaskRecord(String id, TaskSpec spec, TaskStatus status, int attempt, int maxRetries, String workerId,
                         Integer exitCode, String error, long createdAt, Long startedAt, Long finishedAt, long version) {

    public static TaskRecord created(String id, TaskSpec spec, int maxRetries, long now) {
        return new TaskRecord(id, spec, TaskStatus.PENDING, 0, maxRetries, null, null, null, now, null, null, 0);
    }

    /** The same task in {@code next}; refuses a transition the lifecycle table does not list. */
    public TaskRecord moveTo(TaskStatus next) {
        if (!status.canMoveTo(next)) throw new IllegalStateException("task " + id + ": " + status.wireName() + " -> " + next.wireName() + " is not allowed");
        return new TaskRecord(id, spec, next, attempt, maxRetries, workerId, exitCode, error, createdAt, startedAt, finishedAt, version);
    }

    public TaskRecord scheduledOn(String worker) {
        TaskRecord t = moveTo(TaskStatus.SCHEDULED);
        return new TaskRecord(id, spec, t.status, attempt + 1, maxRetries, worker, null, null, createdAt, startedAt, null, version);
    }

    public TaskRecord started(long now) {
        TaskRecord t = moveTo(TaskStatus.RUNNING);
        return new TaskRecord(id, spec, t.status, attempt, maxRetries, workerId, null, null, createdAt, now, null, version);
    }

    public TaskRecord finished(TaskStatus end, Integer code, String why, long now) {
        TaskRecord t = moveTo(end);
        return new TaskRecord(id, spec, t.status, attempt, maxRetries, workerId, code, why, createdAt, startedAt, now, version);
    }

    /** Back to pending after its worker was lost; keeps the attempt count so the next one gets a higher fence. */
    public TaskRecord requeued(String why) {
        TaskRecord t = moveTo(TaskStatus.PENDING);
        return new TaskRecord(id, spec, t.status, attempt, maxRetries, null, null, why, createdAt, startedAt, null, version);
    }

    public TaskRecord withVersion(long v) {
        return new TaskRecord(id, spec, status, attempt, maxRetries, workerId, exitCode, error, createdAt, startedAt, finishedAt, v);
    }

    public TaskView view(List<AttemptView> attempts) {
        return new TaskView(id, status, spec, attempt, maxRetries, workerId, exitCode, error, createdAt, startedAt, finishedAt, version, attempts, null);
    }
}
