package io.ado.controller.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of one open batch, coalesced per row: a task inserted and then scheduled, started
 * and completed inside one batch becomes one INSERT of its last state; a task only updated
 * becomes one UPDATE that still names the version read before the batch. The store sends them as
 * JDBC batches at commit (one round trip per kind of statement, not one per change), and checks
 * the optimistic locks there. Pure bookkeeping, no I/O.
 */
final class PendingWrites {
    /** A task row to write: inserted in this batch, or an update that must find {@code expectedVersion} stored. */
    record TaskWrite(boolean insert, long expectedVersion, TaskRecord row) {}

    /** An attempt row: known new ({@code insert}), or saved without knowing (update, else insert). */
    record AttemptWrite(boolean insert, AttemptRecord row) {}

    record AttemptKey(String taskId, int attempt) {}

    final Map<String, TaskWrite> tasks = new LinkedHashMap<>();
    final Map<AttemptKey, AttemptWrite> attempts = new LinkedHashMap<>();
    final Map<String, WorkerRow> workers = new LinkedHashMap<>();
    final List<OutputChunk> output = new ArrayList<>();
    final List<JoinTokenRecord> newJoinTokens = new ArrayList<>();
    final Map<String, Long> usedJoinTokens = new LinkedHashMap<>(); // token hash -> used at
    final Map<String, String> reconnectHashes = new LinkedHashMap<>(); // worker id -> hash
    long deleteJoinTokensBefore = Long.MIN_VALUE; // the latest expiry bound asked for in this batch

    boolean isEmpty() {
        return tasks.isEmpty() && attempts.isEmpty() && workers.isEmpty() && output.isEmpty() && newJoinTokens.isEmpty()
                && usedJoinTokens.isEmpty() && reconnectHashes.isEmpty() && deleteJoinTokensBefore == Long.MIN_VALUE;
    }

    void clear() {
        tasks.clear();
        attempts.clear();
        workers.clear();
        output.clear();
        newJoinTokens.clear();
        usedJoinTokens.clear();
        reconnectHashes.clear();
        deleteJoinTokensBefore = Long.MIN_VALUE;
    }

    void createTask(TaskRecord t) {
        if (tasks.containsKey(t.id())) throw new IllegalArgumentException("task " + t.id() + " is already being created in this batch");
        tasks.put(t.id(), new TaskWrite(true, -1, t));
    }

    /**
     * Records an update of a task read at {@code t.version()}; the written row carries version + 1.
     *
     * @return false when this batch already holds another version of the task (a local conflict,
     *     known at once); a conflict with another writer is found at flush
     */
    boolean updateTask(TaskRecord t) {
        TaskWrite before = tasks.get(t.id());
        TaskRecord next = t.withVersion(t.version() + 1);
        if (before == null) {
            tasks.put(t.id(), new TaskWrite(false, t.version(), next));
            return true;
        }
        if (before.row().version() != t.version()) return false;
        tasks.put(t.id(), new TaskWrite(before.insert(), before.expectedVersion(), next));
        return true;
    }

    void createAttempt(AttemptRecord a) { attempts.put(new AttemptKey(a.taskId(), a.attempt()), new AttemptWrite(true, a)); }

    void saveAttempt(AttemptRecord a) {
        AttemptKey k = new AttemptKey(a.taskId(), a.attempt());
        AttemptWrite before = attempts.get(k);
        attempts.put(k, new AttemptWrite(before != null && before.insert(), a));
    }

    void saveWorker(WorkerRow w) { workers.put(w.id(), w); }

    void appendOutput(OutputChunk c) { output.add(c); }

    void createJoinToken(JoinTokenRecord t) { newJoinTokens.add(t); }

    void useJoinToken(String hash, long at) { usedJoinTokens.put(hash, at); }

    void deleteJoinTokens(long expiredBefore) { deleteJoinTokensBefore = Math.max(deleteJoinTokensBefore, expiredBefore); }

    void saveReconnectHash(String workerId, String hash) { reconnectHashes.put(workerId, hash); }
}
