package io.ado.protocol;

import java.util.List;

/**
 * A task as the API shows it; times are epoch milliseconds. {@code pendingReason}: while the task
 * is pending, why no worker takes it (as of the control plane's last tick); absent otherwise and
 * from older controllers.
 */
public record TaskView(String id, TaskStatus status, TaskSpec spec, int attempt, int maxRetries, String workerId,
                       Integer exitCode, String error, long createdAt, Long startedAt, Long finishedAt,
                       long version, List<AttemptView> attempts, String pendingReason) {
    public TaskView { attempts = attempts == null ? List.of() : List.copyOf(attempts); }

    /** The same view with {@code reason} as its pending reason. */
    public TaskView withPendingReason(String reason) {
        return new TaskView(id, status, spec, attempt, maxRetries, workerId, exitCode, error, createdAt, startedAt, finishedAt, version, attempts, reason);
    }
}
