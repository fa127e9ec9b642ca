package io.ado.protocol;

import java.util.List;

/** A task as the API shows it; times are epoch milliseconds. */
public record TaskView(String id, TaskStatus status, TaskSpec spec, int attempt, int maxRetries, String workerId,
                       Integer exitCode, String error, long createdAt, Long startedAt, Long finishedAt,
                       long version, List<AttemptView> attempts) {
    public TaskView { attempts = attempts == null ? List.of() : List.copyOf(attempts); }
}
