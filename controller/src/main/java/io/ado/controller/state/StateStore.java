package io.ado.controller.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable store behind the controller. Written in plain SQL terms so the embedded SQLite
 * store, PostgreSQL and H2 share one contract (and one contract test).
 * Writes that change a task or worker are optimistic: they name the version they read and
 * fail (return false) when someone else wrote in between.
 */
public interface StateStore extends AutoCloseable {

    /**
     * Starts a batch on the calling thread: its writes (and its own reads) share one
     * transaction until {@link #commit()}. Lets the control plane commit many messages with one
     * disk write (group commit) instead of one per statement, and lets the store send the
     * batch's writes together at commit.
     */
    void begin();

    /**
     * From now on every commit checks, in its own transaction, that lease {@code lease} still has
     * fencing number {@code fencing}, and rolls back with {@link FencedException}
     * if not. Stores that only one process can open need not fence.
     */
    default void fence(String lease, long fencing) {}

    /** Commits the calling thread's batch; a no-op without one. */
    void commit();

    /** Drops the calling thread's batch, keeping nothing of it; a no-op without one. */
    void rollback();

    void createTask(TaskRecord task);

    /**
     * Writes {@code task} if the stored version is still {@code task.version()}; the stored row
     * gets version + 1. Outside a batch the answer is final. Inside one, false means the batch
     * itself holds another version; a conflict with another writer fails {@link #commit()}
     * (or a read in the batch) with {@link ConflictException} and nothing of the
     * batch is kept.
     */
    boolean updateTask(TaskRecord task);

    Optional<TaskRecord> task(String id);

    /** Most recent first; {@code includeFinished=false} keeps only pending, scheduled and running tasks. */
    List<TaskRecord> tasks(boolean includeFinished, int limit);

    /** Every task not in a final state, oldest first: what a restarted controller must pick up. */
    List<TaskRecord> unfinishedTasks();

    /** A new attempt (its number was never used for this task). */
    void createAttempt(AttemptRecord attempt);

    /** Insert or replace. */
    void saveAttempt(AttemptRecord attempt);

    List<AttemptRecord> attempts(String taskId);

    /** Insert or replace; the stored version is bumped. */
    void saveWorker(WorkerRow worker);

    List<WorkerRow> workers();

    /**
     * The registry's cleanup: deletes the rows of workers that are {@code OFFLINE} (unregistered)
     * and were last heard of before {@code seenBefore}, so workers that come and go (pods spawned
     * on demand) do not pile up. Inside a batch it sees the batch's own writes first.
     *
     * @return the ids deleted
     */
    List<String> deleteOfflineWorkers(long seenBefore);

    Optional<WorkerRow> worker(String id);

    // ---- join tokens and reconnect credentials (hashes only, never the secrets) ---------------

    void createJoinToken(JoinTokenRecord token);

    /** Marks the token with hash {@code tokenHash} used at {@code usedAt}. */
    void useJoinToken(String tokenHash, long usedAt);

    /** Forgets the tokens that expired before {@code expiredBefore}, used or not. */
    void deleteJoinTokens(long expiredBefore);

    /** The tokens that expire after {@code now}, used or not, oldest first: what a starting control plane checks against. */
    List<JoinTokenRecord> joinTokens(long now);

    /**
     * Sets the hash of the reconnect credential of worker {@code workerId} (whose row this batch
     * has saved or an earlier one did); {@link #saveWorker} leaves it as it is.
     */
    void saveReconnectHash(String workerId, String hash);

    /** Worker id to reconnect-credential hash, for every worker that has one and is not {@code OFFLINE}. */
    Map<String, String> reconnectHashes();

    void appendOutput(OutputChunk chunk);

    /** Chunks with {@code seq >= fromSeq} in order, at most {@code limit}. */
    List<OutputChunk> output(String taskId, long fromSeq, int limit);

    /** The highest stored seq of a task, -1 when it has none. */
    long lastSeq(String taskId);

    /** The highest stored worker seq of one attempt, -1 when it has none. */
    long lastWorkerSeq(String taskId, int attempt);

    @Override void close();
}
