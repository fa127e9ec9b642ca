package io.ado.controller.plane;

import io.ado.controller.state.AttemptRecord;
import io.ado.controller.state.OutputChunk;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.AttemptView;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The unfinished tasks, their attempts and the pending queue, in memory. It answers the
 * reconciler's questions and follows the {@link StoreWrite}s of each applied plan; it never
 * writes to the store itself (the shell does), so a test can drive it without one.
 */
final class TaskBook {
    private final Map<String, TaskRecord> active = new LinkedHashMap<>();
    private final Deque<String> queue = new ArrayDeque<>();
    private final Map<String, Long> nextSeq = new HashMap<>();
    private final Map<AttemptRef, Long> lastWorkerSeq = new HashMap<>();
    private final Map<AttemptRef, AttemptRecord> attempts = new HashMap<>();
    private int grouped; // unfinished tasks with a group: placement needs the running groups only when > 0
    private final Map<String, Integer> groups = new HashMap<>(); // unfinished tasks per group: the scaling round's demand

    /** An unfinished task read from the store after a restart; a pending one goes back in the queue. */
    void load(TaskRecord t, List<AttemptRecord> stored) {
        active.put(t.id(), t);
        if (t.spec().group() != null) grouped(t.spec().group(), 1);
        if (t.status() == TaskStatus.PENDING) queue.add(t.id());
        for (AttemptRecord a : stored) attempts.put(new AttemptRef(t.id(), a.attempt()), a);
    }

    /** An unfinished task, or null. */
    TaskRecord get(String id) { return active.get(id); }

    Iterable<TaskRecord> all() { return active.values(); }

    /** Pending task ids, oldest first (a requeued task at the front: it already waited once). */
    Iterable<String> queue() { return queue; }

    int queued() { return queue.size(); }

    boolean hasGroups() { return grouped > 0; }

    /** The most unfinished tasks of one group (0: none): a {@code --workers N} run needs that many workers. */
    int largestGroup() {
        int most = 0;
        for (int n : groups.values()) most = Math.max(most, n);
        return most;
    }

    private void grouped(String group, int delta) {
        grouped += delta;
        groups.merge(group, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    int activeCount() { return active.size(); }

    AttemptRecord attempt(AttemptRef ref) { return attempts.get(ref); }

    /**
     * The last worker seq stored for an attempt. A read-through cache of the store (what it
     * holds is the same either way, so no decision depends on whether it was cached): a burst of
     * resent chunks after a restart reads the store once.
     */
    long lastWorkerSeq(AttemptRef ref, ToLongFunction<AttemptRef> stored) { return lastWorkerSeq.computeIfAbsent(ref, stored::applyAsLong); }

    /** The seq the task's next chunk gets; read through from the store like {@link #lastWorkerSeq}. */
    long nextSeq(String taskId, ToLongFunction<String> lastStored) { return nextSeq.computeIfAbsent(taskId, id -> lastStored.applyAsLong(id) + 1); }

    /** Is this the task's current attempt on this worker? The fencing check for every worker report. */
    boolean isCurrent(AttemptRef ref, String workerId) {
        TaskRecord t = active.get(ref.taskId());
        return t != null && t.attempt() == ref.attempt() && workerId.equals(t.workerId())
                && (t.status() == TaskStatus.SCHEDULED || t.status() == TaskStatus.RUNNING);
    }

    /**
     * Attempts of {@code t} that ended because their worker was lost, counting {@code lostNow}
     * as one: the retry budget counts these, not attempts moved away by a rebalance (which ended
     * {@code cancelled}).
     */
    int lostAttempts(TaskRecord t, AttemptRef lostNow) {
        int lost = 0;
        for (int n = 1; n <= t.attempt(); n++) {
            AttemptRecord a = attempts.get(new AttemptRef(t.id(), n));
            if (n == lostNow.attempt() || a == null || a.status() == TaskStatus.FAILED) lost++; // unknown counts as lost: never more retries than asked
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

    /** The API view of an unfinished task, attempts included. */
    TaskView view(String id) {
        TaskRecord t = active.get(id);
        List<AttemptView> views = new ArrayList<>();
        for (int n = 1; n <= t.attempt(); n++) {
            AttemptRecord a = attempts.get(new AttemptRef(id, n));
            if (a != null) views.add(a.view());
        }
        return t.view(views);
    }

    /** Follows one write of an applied plan. */
    void apply(StoreWrite w) {
        switch (w) {
            case StoreWrite.CreateTask c -> {
                TaskRecord t = c.task();
                active.put(t.id(), t);
                if (t.spec().group() != null) grouped(t.spec().group(), 1);
                nextSeq.put(t.id(), 0L); // a new task has no output yet: no store read on its first chunk
                queue.add(t.id());
            }
            case StoreWrite.UpdateTask u -> updated(u.task().withVersion(u.task().version() + 1));
            case StoreWrite.CreateAttempt c -> {
                AttemptRef ref = new AttemptRef(c.attempt().taskId(), c.attempt().attempt());
                attempts.put(ref, c.attempt());
                lastWorkerSeq.put(ref, -1L); // a new attempt has sent nothing yet
            }
            case StoreWrite.SaveAttempt s -> attempts.replace(new AttemptRef(s.attempt().taskId(), s.attempt().attempt()), s.attempt());
            case StoreWrite.AppendOutput o -> {
                OutputChunk c = o.chunk();
                nextSeq.put(c.taskId(), c.seq() + 1);
                lastWorkerSeq.put(new AttemptRef(c.taskId(), c.attempt()), c.workerSeq());
            }
            case StoreWrite.SaveWorker s -> { }
            case StoreWrite.DeleteOfflineWorkers d -> { }
            case StoreWrite.CreateJoinToken t -> { }
            case StoreWrite.UseJoinToken t -> { }
            case StoreWrite.DeleteJoinTokens t -> { }
            case StoreWrite.SaveReconnectHash h -> { }
        }
    }

    /** The queue follows the status: in while pending (a requeued task at the front), out otherwise. */
    private void updated(TaskRecord stored) {
        TaskRecord before = active.get(stored.id());
        boolean wasPending = before != null && before.status() == TaskStatus.PENDING;
        boolean pending = stored.status() == TaskStatus.PENDING;
        if (wasPending && !pending) queue.removeFirstOccurrence(stored.id());
        if (stored.status().isTerminal()) {
            forget(stored);
            return;
        }
        active.put(stored.id(), stored);
        if (pending && !wasPending) queue.addFirst(stored.id()); // it already waited once
    }

    private void forget(TaskRecord t) {
        if (active.remove(t.id()) != null && t.spec().group() != null) grouped(t.spec().group(), -1);
        nextSeq.remove(t.id());
        for (int n = 1; n <= t.attempt(); n++) { // attempts are numbered 1..current: no scan of every task's
            AttemptRef ref = new AttemptRef(t.id(), n);
            lastWorkerSeq.remove(ref);
            attempts.remove(ref);
        }
    }
}
