package io.ado.controller.plane;

import io.ado.controller.registry.WorkerEntry;
import io.ado.controller.scaling.ScalingState;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the reconciler decided for one message (or one round): the only output of a decision.
 * The shell makes {@link #writes} in the open batch, applies the memory parts, and hands the
 * effects ({@link #sends}, {@link #closes}, {@link #streams}, {@link #events}, the reply) to
 * {@link Effects}, released only after the batch commits.
 *
 * @param writes store writes, in order (the task book follows the same writes in memory)
 * @param workers registry changes, in order
 * @param links worker connections bound or forgotten
 * @param sends messages to workers, in order (assignments, cancels, acks, ...)
 * @param closes connections to close, after the sends
 * @param then the rounds to plan next, each on the state this plan leaves
 * @param timers when the next rebalance and cleanup are due; null when unchanged
 * @param scaling the scaling state after this plan; null when unchanged
 * @param pool workers to spawn or terminate, handed to the spawner after the commit
 */
public record Plan(List<StoreWrite> writes, List<WorkerChange> workers, List<LinkChange> links, List<Send> sends, List<Close> closes,
                   List<TaskStream> streams, List<ControllerEvent> events, Then then, Timers timers, ScalingState scaling, List<PoolAction> pool,
                   Reply reply) {

    public sealed interface WorkerChange {
        record Put(WorkerEntry entry) implements WorkerChange {}
        record Remove(String workerId) implements WorkerChange {}
    }

    public sealed interface LinkChange {
        /** {@code link} is now the worker's connection (a former one stops counting). */
        record Bind(String workerId, WorkerLink link) implements LinkChange {}
        /** The connection no longer speaks for any worker. */
        record Forget(WorkerLink link) implements LinkChange {}
    }

    public record Send(WorkerLink link, ControllerMessage message) {}

    /** What the scaling round asks of the spawner; {@code decision} is the scaling decision it counts toward (0: none). */
    public sealed interface PoolAction {
        String workerId();

        long decision();

        record Spawn(String workerId, String joinToken, long decision) implements PoolAction {
            @Override
            public String toString() { return "Spawn[workerId=" + workerId + ", decision=" + decision + ", joinToken=***]"; }
        }

        record Terminate(String workerId, String reason, long decision) implements PoolAction {}
    }

    public record Close(WorkerLink link, String reason) {}

    public record TaskStream(String taskId, StreamMessage message) {}

    public record Then(boolean rebalance, boolean dispatch, boolean scale) {
        static final Then NOTHING = new Then(false, false, false);
    }

    public record Timers(long nextRebalanceAt, long nextCleanupAt) {}

    /** What a call gets back: nothing (a cast), a value, or views of tasks read after the plan's rounds. */
    public sealed interface Reply {
        record None() implements Reply {}
        record Value(Object value) implements Reply {}
        record TaskViews(List<String> ids, boolean single) implements Reply {}
    }

    static final Reply NO_REPLY = new Reply.None();

    public List<ControllerMessage.Assign> assignments() { return messages(ControllerMessage.Assign.class); }

    public List<ControllerMessage.Cancel> cancels() { return messages(ControllerMessage.Cancel.class); }

    public <T extends ControllerMessage> List<T> messages(Class<T> type) {
        return sends.stream().map(Send::message).filter(type::isInstance).map(type::cast).toList();
    }

    /** Tasks this plan sends back to the queue (their worker was lost, or a rebalance moves them). */
    public List<String> requeued() {
        return writes(StoreWrite.UpdateTask.class).stream().filter(u -> u.task().status() == TaskStatus.PENDING).map(u -> u.task().id()).toList();
    }

    /** Every task status this plan writes, in order: the tasks' records as stored after it. */
    public List<TaskRecord> statusChanges() {
        return writes(StoreWrite.UpdateTask.class).stream().map(u -> u.task().withVersion(u.task().version() + 1)).toList();
    }

    public <T extends StoreWrite> List<T> writes(Class<T> type) { return writes.stream().filter(type::isInstance).map(type::cast).toList(); }

    public <T extends ControllerEvent> List<T> events(Class<T> type) { return events.stream().filter(type::isInstance).map(type::cast).toList(); }

    /**
     * Built by one decision, then frozen by {@link #build}: lists are made only when used (most
     * messages touch two or three parts) and handed over without a copy.
     */
    static final class Builder {
        private List<StoreWrite> writes;
        private List<WorkerChange> workers;
        private Map<String, WorkerEntry> overlay; // registry entries this plan changed, for its later decisions
        private List<LinkChange> links;
        private List<Send> sends;
        private List<Close> closes;
        private List<TaskStream> streams;
        private List<ControllerEvent> events;
        private boolean rebalance, dispatch, scale;
        private Timers timers;
        private ScalingState scaling;
        private List<PoolAction> pool;
        private Reply reply = NO_REPLY;

        Builder write(StoreWrite w) { (writes == null ? writes = new ArrayList<>(4) : writes).add(w); return this; }

        Builder put(WorkerEntry e) {
            (workers == null ? workers = new ArrayList<>(2) : workers).add(new WorkerChange.Put(e));
            (overlay == null ? overlay = new HashMap<>() : overlay).put(e.id(), e);
            return this;
        }

        Builder remove(String workerId) {
            (workers == null ? workers = new ArrayList<>(2) : workers).add(new WorkerChange.Remove(workerId));
            (overlay == null ? overlay = new HashMap<>() : overlay).put(workerId, null);
            return this;
        }

        /** This plan's view of a worker: its own change if it made one, else {@code current}. */
        WorkerEntry worker(String id, WorkerEntry current) {
            return overlay != null && overlay.containsKey(id) ? overlay.get(id) : current;
        }

        Builder link(LinkChange c) { (links == null ? links = new ArrayList<>(1) : links).add(c); return this; }

        Builder send(WorkerLink link, ControllerMessage m) { (sends == null ? sends = new ArrayList<>(2) : sends).add(new Send(link, m)); return this; }

        Builder close(WorkerLink link, String reason) { (closes == null ? closes = new ArrayList<>(1) : closes).add(new Close(link, reason)); return this; }

        Builder stream(String taskId, StreamMessage m) { (streams == null ? streams = new ArrayList<>(2) : streams).add(new TaskStream(taskId, m)); return this; }

        Builder event(ControllerEvent e) { (events == null ? events = new ArrayList<>(2) : events).add(e); return this; }

        Builder rebalance() { rebalance = true; return this; }

        Builder dispatch() { dispatch = true; return this; }

        Builder scale() { scale = true; return this; }

        Builder timers(Timers t) { timers = t; return this; }

        Builder scaling(ScalingState s) { scaling = s; return this; }

        Builder pool(PoolAction a) { (pool == null ? pool = new ArrayList<>(2) : pool).add(a); return this; }

        Builder reply(Reply r) { reply = r; return this; }

        Plan build() {
            Then then = rebalance || dispatch || scale ? new Then(rebalance, dispatch, scale) : Then.NOTHING;
            return new Plan(frozen(writes), frozen(workers), frozen(links), frozen(sends), frozen(closes), frozen(streams), frozen(events),
                    then, timers, scaling, frozen(pool), reply);
        }

        private static <T> List<T> frozen(List<T> l) { return l == null ? List.of() : Collections.unmodifiableList(l); }
    }
}
