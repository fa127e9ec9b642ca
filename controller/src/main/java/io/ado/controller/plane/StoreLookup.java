package io.ado.controller.plane;

import io.ado.controller.state.StateStore;
import io.ado.controller.state.TaskRecord;
import java.util.Optional;

/**
 * The few store reads a decision needs (a task that is no longer in memory, where a task's output
 * stands): read-only, so the reconciler stays a function of what it is shown and a test can fake it.
 */
public interface StoreLookup {
    Optional<TaskRecord> task(String id);

    /** The highest stored seq of a task, -1 when it has none. */
    long lastSeq(String taskId);

    /** The highest stored worker seq of one attempt, -1 when it has none. */
    long lastWorkerSeq(String taskId, int attempt);

    static StoreLookup of(StateStore store) {
        return new StoreLookup() {
            @Override public Optional<TaskRecord> task(String id) { return store.task(id); }

            @Override public long lastSeq(String taskId) { return store.lastSeq(taskId); }

            @Override public long lastWorkerSeq(String taskId, int attempt) { return store.lastWorkerSeq(taskId, attempt); }
        };
    }
}
