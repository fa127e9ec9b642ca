package io.ado.controller;

import io.ado.controller.state.AttemptRecord;
import io.ado.controller.state.OutputChunk;
import io.ado.controller.state.StateStore;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.OutputStream;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The unfinished tasks and the pending queue, owned by the control plane thread. Every change
 * is written to the store (optimistic lock on {@code version}); what subscribers and the event
 * bus hear goes through {@link Effects}, released only after the batch is committed.
 */
final class TaskBook {
    private final StateStore store;
    private final Effects events;
    private final RandomGenerator random;
    private final Map<String, TaskRecord> active = new LinkedHashMap<>();
    private final Deque<String> queue = new ArrayDeque<>();
    private final Map<String, Long> nextSeq = new HashMap<>();
    private final Map<AttemptRef, Long> lastWorkerSeq = new HashMap<>();
    private final Map<AttemptRef, AttemptRecord> attempts = new HashMap<>();
    private static final long ID_SPACE = 36L * 36 * 36 * 36 * 36 * 36; // six base-36 digits
    private final java.util.Set<String> idsThisMillis = new java.util.HashSet<>();
    private long idMillis = -1;
    private int grouped; // unfinished tasks with a group: placement needs the running groups only when > 0

    TaskBook(StateStore store, Effects events, RandomGenerator random) {
        this.store = store;
        this.events = events;
        this.random = random;
    }

    /** Loads unfinished tasks after a restart; pending ones go back in the queue. */
    List<TaskRecord> recover() {
        List<TaskRecord> unfinished = store.unfinishedTasks();
        for (TaskRecord t : unfinished) {
            active.put(t.id(), t);
            if (t.spec().group() != null) grouped++;
            if (t.status() == TaskStatus.PENDING) queue.add(t.id());
            for (AttemptRecord a : store.attempts(t.id())) attempts.put(new AttemptRef(t.id(), a.attempt()), a);
        }
        return unfinished;
    }

    TaskRecord submit(TaskSpec spec, int defaultRetries, long now) {
        String id = newId(now);
        int retries = spec.retries() == null ? defaultRetries : spec.retries();
        TaskRecord t = TaskRecord.created(id, spec, retries, now);
        store.createTask(t);
        active.put(id, t);
        if (spec.group() != null) grouped++;
        nextSeq.put(id, 0L); // a new task has no output yet: no store read on its first chunk
        queue.add(id);
        events.event("task.created", now, Map.of("taskId", id));
        return t;
    }

    /**
     * {@code t-<ms>-<6 random base-36 digits>}. A burst of submits is handled within one
     * millisecond, so ids of the current millisecond are remembered and never handed out twice;
     * the random part keeps ids of different controllers (or a clock that stepped back) apart.
     */
    String newId(long now) {
        if (now != idMillis) {
            idMillis = now;
            idsThisMillis.clear();
        }
        while (true) {
            String id = "t-" + Long.toString(now, 36) + "-" + Long.toString(ID_SPACE + random.nextLong(ID_SPACE), 36).substring(1);
            if (idsThisMillis.add(id)) return id;
        }
    }

    Optional<TaskRecord> active(String id) { return Optional.ofNullable(active.get(id)); }

    /** The API view of an unfinished task, attempts included. */
    io.ado.protocol.TaskView view(String id) {
        TaskRecord t = active.get(id);
        List<io.ado.protocol.AttemptView> views = new java.util.ArrayList<>();
        for (int n = 1; n <= t.attempt(); n++) {
            AttemptRecord a = attempts.get(new AttemptRef(id, n));
            if (a != null) views.add(a.view());
        }
        return t.view(views);
    }

    Deque<String> queue() { return queue; }

    boolean hasGroups() { return grouped > 0; }

    int activeCount() { return active.size(); }

    /** Is this the task's current attempt on this worker? The fencing check for every worker report. */
    boolean isCurrent(AttemptRef ref, String workerId) {
        TaskRecord t = active.get(ref.taskId());
        return t != null && t.attempt() == ref.attempt() && workerId.equals(t.workerId())
                && (t.status() == TaskStatus.SCHEDULED || t.status() == TaskStatus.RUNNING);
    }

    /** True when this attempt already ended as reported by this worker (a resend after a lost ack). */
    boolean alreadyFinished(AttemptRef ref, String workerId) {
        Optional<TaskRecord> t = active.containsKey(ref.taskId()) ? Optional.empty() : store.task(ref.taskId());
        return t.isPresent() && t.get().status().isTerminal() && t.get().attempt() == ref.attempt() && workerId.equals(t.get().workerId());
    }

    TaskRecord schedule(TaskRecord t, String workerId, long now) {
        TaskRecord next = write(t.scheduledOn(workerId));
        AttemptRecord a = new AttemptRecord(t.id(), next.attempt(), workerId, TaskStatus.SCHEDULED, null, null, now, null);
        store.createAttempt(a);
        AttemptRef ref = new AttemptRef(t.id(), next.attempt());
        attempts.put(ref, a);
        lastWorkerSeq.put(ref, -1L); // a new attempt has sent nothing yet
        publishStatus(next, now);
        return next;
    }

    void started(AttemptRef ref, long now) {
        TaskRecord t = active.get(ref.taskId());
        if (t.status() != TaskStatus.SCHEDULED) return; // a resent "started" after a reconnect
        TaskRecord next = write(t.started(now));
        saveAttempt(ref, a -> a.withStatus(TaskStatus.RUNNING));
        publishStatus(next, now);
    }

    /** Stores one chunk unless the worker already sent it (resend after reconnect); then publishes it. */
    void output(AttemptRef ref, long workerSeq, OutputStream stream, String data, long now) {
        long last = lastWorkerSeq.computeIfAbsent(ref, r -> store.lastWorkerSeq(r.taskId(), r.attempt()));
        if (workerSeq <= last) return;
        long seq = nextSeq.computeIfAbsent(ref.taskId(), id -> store.lastSeq(id) + 1);
        OutputChunk c = new OutputChunk(ref.taskId(), seq, ref.attempt(), workerSeq, stream, data, now);
        store.appendOutput(c);
        nextSeq.put(ref.taskId(), seq + 1);
        lastWorkerSeq.put(ref, workerSeq);
        events.publish(ref.taskId(), c.message());
    }

    TaskRecord finish(AttemptRef ref, TaskStatus end, Integer exitCode, String error, long now) {
        TaskRecord t = active.get(ref.taskId());
        TaskRecord next = write(t.finished(end, exitCode, error, now));
        saveAttempt(ref, a -> a.ended(end, exitCode, error, now));
        forget(next);
        events.publish(next.id(), new StreamMessage.End(next.id(), end, exitCode, error));
        events.event("task." + end.wireName(), now, data(next));
        return next;
    }

    /** The task's worker is gone: back to pending while retries last, else failed with the reason. */
    void workerLost(AttemptRef ref, String reason, long now) {
        TaskRecord t = active.get(ref.taskId());
        if (t == null || t.attempt() != ref.attempt()) return;
        saveAttempt(ref, a -> a.ended(TaskStatus.FAILED, null, reason, now));
        if (lostAttempts(t) < t.maxRetries() + 1) {
            TaskRecord next = write(t.requeued(reason));
            queue.addFirst(next.id()); // it already waited once
            publishStatus(next, now);
            events.event("task.retrying", now, data(next));
        } else {
            String why = reason + " (gave up after " + t.attempt() + " attempts)";
            TaskRecord next = write(t.finished(TaskStatus.FAILED, null, why, now));
            forget(next);
            events.publish(next.id(), new StreamMessage.End(next.id(), TaskStatus.FAILED, null, why));
            events.event("task.failed", now, data(next));
        }
    }

    /**
     * Attempts of {@code t} that ended because their worker was lost: the retry budget counts
     * these, not attempts moved away by a rebalance (which ended {@code cancelled}).
     */
    private int lostAttempts(TaskRecord t) {
        int lost = 0;
        for (int n = 1; n <= t.attempt(); n++) {
            AttemptRecord a = attempts.get(new AttemptRef(t.id(), n));
            if (a == null || a.status() == TaskStatus.FAILED) lost++; // unknown counts as lost: never more retries than asked
        }
        return lost;
    }

    /** When the current attempt of a task that is scheduled but has not started was placed; empty otherwise. */
    Optional<Long> waitingSince(AttemptRef ref) {
        TaskRecord t = active.get(ref.taskId());
        AttemptRecord a = attempts.get(ref);
        if (t == null || a == null || t.attempt() != ref.attempt() || t.status() != TaskStatus.SCHEDULED) return Optional.empty();
        return Optional.of(a.startedAt());
    }

    /** A rebalance move: the current attempt ends {@code cancelled} and the task is placed on {@code to} as the next attempt. */
    TaskRecord move(AttemptRef ref, String from, String to, long now) {
        TaskRecord t = active.get(ref.taskId());
        saveAttempt(ref, a -> a.ended(TaskStatus.CANCELLED, null, "moved to worker " + to + " by rebalance", now));
        TaskRecord placed = schedule(write(t.requeued("moved by rebalance")), to, now);
        events.event("task.rebalanced", now, Map.of("taskId", t.id(), "from", from, "to", to, "attempt", placed.attempt()));
        return placed;
    }

    TaskRecord cancel(TaskRecord t, long now) {
        if (t.attempt() > 0 && t.status() != TaskStatus.PENDING) {
            saveAttempt(new AttemptRef(t.id(), t.attempt()), a -> a.ended(TaskStatus.CANCELLED, null, "cancelled", now));
        }
        TaskRecord next = write(t.finished(TaskStatus.CANCELLED, null, "cancelled by user", now));
        queue.remove(t.id());
        forget(next);
        events.publish(next.id(), new StreamMessage.End(next.id(), TaskStatus.CANCELLED, null, next.error()));
        events.event("task.cancelled", now, data(next));
        return next;
    }

    private TaskRecord write(TaskRecord t) {
        if (!store.updateTask(t)) {
            // Another writer won: drop our copy so the next read comes from the store.
            active.remove(t.id());
            throw new IllegalStateException("task " + t.id() + " changed under us (version " + t.version() + ")");
        }
        TaskRecord stored = t.withVersion(t.version() + 1);
        active.put(t.id(), stored);
        return stored;
    }

    private void saveAttempt(AttemptRef ref, java.util.function.UnaryOperator<AttemptRecord> change) {
        AttemptRecord a = attempts.get(ref);
        if (a == null) return;
        AttemptRecord next = change.apply(a);
        store.saveAttempt(next);
        attempts.put(ref, next);
    }

    private void forget(TaskRecord t) {
        if (active.remove(t.id()) != null && t.spec().group() != null) grouped--;
        nextSeq.remove(t.id());
        for (int n = 1; n <= t.attempt(); n++) { // attempts are numbered 1..current: no scan of every task's
            AttemptRef ref = new AttemptRef(t.id(), n);
            lastWorkerSeq.remove(ref);
            attempts.remove(ref);
        }
    }

    private void publishStatus(TaskRecord t, long now) {
        events.publish(t.id(), new StreamMessage.Status(t.id(), t.status(), t.attempt(), t.workerId(), t.error()));
        events.event("task." + t.status().wireName(), now, data(t));
    }

    private static Map<String, Object> data(TaskRecord t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskId", t.id());
        m.put("status", t.status().wireName());
        m.put("attempt", t.attempt());
        if (t.workerId() != null) m.put("workerId", t.workerId());
        if (t.exitCode() != null) m.put("exitCode", t.exitCode());
        if (t.error() != null) m.put("error", t.error());
        return m;
    }
}
