package io.ado.controller.plane;

import io.ado.controller.plane.ControllerEvent.TaskCreated;
import io.ado.controller.plane.ControllerEvent.TaskRebalanced;
import io.ado.controller.plane.ControllerEvent.TaskRetrying;
import io.ado.controller.plane.ControllerEvent.TaskStatusChanged;
import io.ado.controller.state.AttemptRecord;
import io.ado.controller.state.OutputChunk;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.OutputStream;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The task half of a plan: each method decides one change of one task from the task book's
 * view and adds its store writes, stream messages and events to the plan being built. Writes
 * carry the version read; the stored row gets version + 1, which the returned record has.
 */
final class TaskPlans {
    private final TaskBook book;
    private final StoreLookup store;

    TaskPlans(TaskBook book, StoreLookup store) {
        this.book = book;
        this.store = store;
    }

    TaskRecord submit(Plan.Builder b, String id, TaskSpec spec, int defaultRetries, long now) {
        TaskRecord t = TaskRecord.created(id, spec, spec.retries() == null ? defaultRetries : spec.retries(), now);
        b.write(new StoreWrite.CreateTask(t)).event(new TaskCreated(id, now));
        return t;
    }

    /** A task as stored, for one that is no longer in memory. */
    Optional<TaskRecord> storedTask(String id) { return store.task(id); }

    /** True when this attempt already ended as reported by this worker (a resend after a lost ack). */
    boolean alreadyFinished(AttemptRef ref, String workerId) {
        if (book.get(ref.taskId()) != null) return false;
        TaskRecord t = store.task(ref.taskId()).orElse(null);
        return t != null && t.status().isTerminal() && t.attempt() == ref.attempt() && workerId.equals(t.workerId());
    }

    TaskRecord schedule(Plan.Builder b, TaskRecord t, String workerId, long now) {
        TaskRecord next = update(b, t.scheduledOn(workerId));
        b.write(new StoreWrite.CreateAttempt(new AttemptRecord(t.id(), next.attempt(), workerId, TaskStatus.SCHEDULED, null, null, now, null)));
        status(b, next, now);
        return next;
    }

    void started(Plan.Builder b, AttemptRef ref, long now) {
        TaskRecord t = book.get(ref.taskId());
        if (t.status() != TaskStatus.SCHEDULED) return; // a resent "started" after a reconnect
        TaskRecord next = update(b, t.started(now));
        saveAttempt(b, ref, a -> a.withStatus(TaskStatus.RUNNING));
        status(b, next, now);
    }

    /** Stores one chunk unless the worker already sent it (resend after reconnect); then publishes it. */
    void output(Plan.Builder b, AttemptRef ref, long workerSeq, OutputStream stream, String data, long now) {
        if (workerSeq <= book.lastWorkerSeq(ref, r -> store.lastWorkerSeq(r.taskId(), r.attempt()))) return;
        long seq = book.nextSeq(ref.taskId(), store::lastSeq);
        OutputChunk c = new OutputChunk(ref.taskId(), seq, ref.attempt(), workerSeq, stream, data, now);
        b.write(new StoreWrite.AppendOutput(c)).stream(ref.taskId(), c.message());
    }

    void finish(Plan.Builder b, AttemptRef ref, TaskStatus end, Integer exitCode, String error, long now) {
        TaskRecord t = book.get(ref.taskId());
        if (!t.status().canMoveTo(end)) {
            // A worker that reports the end of an attempt it never said it started (its "started" was
            // lost, or the worker is buggy): the attempt ran. Refusing it would crash the plane on
            // every resend, so the start is implied.
            t = update(b, t.started(now));
            status(b, t, now);
        }
        saveAttempt(b, ref, a -> a.ended(end, exitCode, error, now)); // before the task: a final task write forgets its attempts
        ended(b, update(b, t.finished(end, exitCode, error, now)), now);
    }

    /** The task's worker is gone: back to pending while retries last, else failed with the reason. */
    void workerLost(Plan.Builder b, AttemptRef ref, String reason, long now) {
        TaskRecord t = book.get(ref.taskId());
        if (t == null || t.attempt() != ref.attempt()) return;
        saveAttempt(b, ref, a -> a.ended(TaskStatus.FAILED, null, reason, now));
        if (book.lostAttempts(t, ref) < t.maxRetries() + 1) {
            TaskRecord next = update(b, t.requeued(reason));
            status(b, next, now);
            b.event(new TaskRetrying(next, now));
        } else {
            ended(b, update(b, t.finished(TaskStatus.FAILED, null, reason + " (gave up after " + t.attempt() + " attempts)", now)), now);
        }
    }

    /** A rebalance move: the current attempt ends {@code cancelled} and the task is placed on {@code to} as the next attempt. */
    TaskRecord move(Plan.Builder b, AttemptRef ref, String from, String to, long now) {
        TaskRecord t = book.get(ref.taskId());
        saveAttempt(b, ref, a -> a.ended(TaskStatus.CANCELLED, null, "moved to worker " + to + " by rebalance", now));
        TaskRecord placed = schedule(b, update(b, t.requeued("moved by rebalance")), to, now);
        b.event(new TaskRebalanced(t.id(), from, to, placed.attempt(), now));
        return placed;
    }

    void cancel(Plan.Builder b, TaskRecord t, long now) {
        if (t.attempt() > 0 && t.status() != TaskStatus.PENDING) {
            saveAttempt(b, new AttemptRef(t.id(), t.attempt()), a -> a.ended(TaskStatus.CANCELLED, null, "cancelled", now));
        }
        ended(b, update(b, t.finished(TaskStatus.CANCELLED, null, "cancelled by user", now)), now);
    }

    private static TaskRecord update(Plan.Builder b, TaskRecord t) {
        b.write(new StoreWrite.UpdateTask(t));
        return t.withVersion(t.version() + 1);
    }

    /** An attempt the book does not know (its task came back from the store without it) is left alone, as before. */
    private void saveAttempt(Plan.Builder b, AttemptRef ref, UnaryOperator<AttemptRecord> change) {
        AttemptRecord a = book.attempt(ref);
        if (a != null) b.write(new StoreWrite.SaveAttempt(change.apply(a)));
    }

    private static void ended(Plan.Builder b, TaskRecord t, long now) {
        b.stream(t.id(), new StreamMessage.End(t.id(), t.status(), t.exitCode(), t.error()));
        b.event(ControllerEvent.ended(t, now));
    }

    private static void status(Plan.Builder b, TaskRecord t, long now) {
        b.stream(t.id(), new StreamMessage.Status(t.id(), t.status(), t.attempt(), t.workerId(), t.error()));
        b.event(new TaskStatusChanged(t, now));
    }
}
