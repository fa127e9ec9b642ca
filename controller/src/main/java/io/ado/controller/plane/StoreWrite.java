package io.ado.controller.plane;

import io.ado.controller.state.AttemptRecord;
import io.ado.controller.state.JoinTokenRecord;
import io.ado.controller.state.OutputChunk;
import io.ado.controller.state.TaskRecord;
import io.ado.controller.state.WorkerRow;

/** One write a plan makes in the open batch; the task book's memory follows the same writes. */
public sealed interface StoreWrite {
    record CreateTask(TaskRecord task) implements StoreWrite {}

    /** Names the version read ({@code task.version()}); the stored row gets version + 1. */
    record UpdateTask(TaskRecord task) implements StoreWrite {}

    record CreateAttempt(AttemptRecord attempt) implements StoreWrite {}

    record SaveAttempt(AttemptRecord attempt) implements StoreWrite {}

    record SaveWorker(WorkerRow worker) implements StoreWrite {}

    record AppendOutput(OutputChunk chunk) implements StoreWrite {}

    /** The registry's cleanup: forget offline workers last heard of before {@code seenBefore}. */
    record DeleteOfflineWorkers(long seenBefore) implements StoreWrite {}

    /** A join token minted: its hash, the worker id it is bound to, its expiry (the plane's memory follows). */
    record CreateJoinToken(JoinTokenRecord token) implements StoreWrite {}

    /** The registration that consumed the join token with hash {@code tokenHash}. */
    record UseJoinToken(String tokenHash, long usedAt) implements StoreWrite {}

    /** Forget the join tokens that expired before {@code expiredBefore}. */
    record DeleteJoinTokens(long expiredBefore) implements StoreWrite {}

    /** The hash of the reconnect credential worker {@code workerId} was given when it joined. */
    record SaveReconnectHash(String workerId, String hash) implements StoreWrite {}
}
