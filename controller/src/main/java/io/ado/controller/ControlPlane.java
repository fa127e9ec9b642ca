package io.ado.controller;

import io.ado.controller.balancer.ClusterSnapshot;
import io.ado.controller.balancer.LoadBalancer;
import io.ado.controller.balancer.Placement;
import io.ado.controller.balancer.Rebalancer;
import io.ado.controller.health.HealthAction;
import io.ado.controller.health.HealthPolicy;
import io.ado.controller.registry.WorkerEntry;
import io.ado.controller.registry.WorkerRegistry;
import io.ado.controller.state.EventBus;
import io.ado.controller.state.StateStore;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Protocol;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerStatus;
import io.ado.protocol.WorkerView;
import io.ado.runtime.Behavior;
import io.ado.runtime.From;
import io.ado.runtime.Result;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one runtime process that owns workers and tasks. Messages arrive one at a time, so no
 * locks: it reads the clock once per message, asks the pure {@link LoadBalancer} and
 * {@link HealthPolicy} what to do, and applies the answer through {@link TaskBook} (store
 * first, then subscribers). Calls get either a value or an {@link ApiException} back.
 */
public final class ControlPlane implements Behavior<ControlPlane.State> {
    private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);
    /** After a controller restart, workers need a moment to notice and reconnect through their backoff. */
    static final long RESTART_GRACE_MS = 5_000;

    public sealed interface Msg {}
    public record FromWorker(WorkerLink link, WorkerMessage message) implements Msg {}
    public record Disconnected(WorkerLink link) implements Msg {}
    public record Submit(TaskSpec spec) implements Msg {}
    /** Several tasks at once: created in one batch, so all of them are stored or none. */
    public record SubmitAll(List<TaskSpec> specs) implements Msg {}
    public record Cancel(String taskId) implements Msg {}
    public record Drain(String workerId) implements Msg {}
    public record ListWorkers() implements Msg {}
    public record Tick() implements Msg {}
    public record Status() implements Msg {}
    /** Sent to itself after the first message of a batch; arrives after everything queued so far. */
    record Flush() implements Msg {}

    private final ControllerSettings settings;
    private final StateStore store;
    private final EventBus events;
    private final Clock clock;
    private final RandomGenerator random;

    private final java.util.function.Consumer<io.ado.runtime.ProcessRef> started;

    public ControlPlane(ControllerSettings settings, StateStore store, EventBus events, Clock clock, RandomGenerator random) {
        this(settings, store, events, clock, random, ref -> {});
    }

    /** @param started told this process's ref once init has rebuilt the state (each restart is a new process) */
    public ControlPlane(ControllerSettings settings, StateStore store, EventBus events, Clock clock, RandomGenerator random,
                        java.util.function.Consumer<io.ado.runtime.ProcessRef> started) {
        this.settings = settings;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.random = random;
        this.started = started;
    }

    /** Mutable, but touched only by the process thread. */
    public static final class State {
        final WorkerRegistry registry = new WorkerRegistry();
        final Map<String, WorkerLink> links = new HashMap<>();      // worker id -> current connection
        final Map<String, String> linkOwner = new HashMap<>();      // connection id -> worker id
        final TaskBook book;
        final LoadBalancer balancer;
        final HealthPolicy health;
        final Effects fx;
        boolean batchOpen;
        java.time.Instant lowUtilizationSince;
        long nextRebalanceAt;
        long nextCleanupAt;

        State(Effects fx, TaskBook book, LoadBalancer balancer, HealthPolicy health) {
            this.fx = fx;
            this.book = book;
            this.balancer = balancer;
            this.health = health;
        }
    }

    @Override
    public State init(Object args) {
        Effects fx = new Effects(events);
        State s = new State(fx, new TaskBook(store, fx, random), new LoadBalancer(settings.loadBalancer().maxTasksPerWorker()),
                new HealthPolicy(settings.health()));
        long now = clock.millis();
        store.begin(); // one checked transaction: a fenced-off replica must not write even here
        try {
            // Known workers come back as disconnected; their attempts stay theirs until the window closes.
            for (var row : store.workers()) {
                if (row.status() != WorkerStatus.OFFLINE) s.registry.put(WorkerEntry.recovered(row, now + RESTART_GRACE_MS));
            }
            for (TaskRecord t : s.book.recover()) {
                if (t.workerId() == null || t.status() == TaskStatus.PENDING) continue;
                AttemptRef ref = new AttemptRef(t.id(), t.attempt());
                s.registry.lookup(t.workerId()).ifPresentOrElse(
                        w -> s.registry.put(w.plus(ref)),
                        () -> s.book.workerLost(ref, "worker " + t.workerId() + " unknown after restart", now));
            }
            store.commit();
        } catch (RuntimeException e) {
            store.rollback(); // a failed start must not leave its transaction (and connection) open
            throw e;
        }
        fx.release();
        s.nextRebalanceAt = now + settings.loadBalancer().rebalanceInterval().toMillis();
        s.nextCleanupAt = now + settings.registry().cleanupInterval().toMillis();
        started.accept(io.ado.runtime.ProcessContext.current().self());
        return s;
    }

    @Override
    public Result<State> handleCall(Object msg, From from, State s) {
        long now = clock.millis();
        openBatch(s);
        Object reply = answer(msg, s, now);
        s.fx.reply(from, reply);
        return Result.noReply(s);
    }

    private Object answer(Object msg, State s, long now) {
        try {
            Object reply = switch ((Msg) msg) {
                case Submit m -> {
                    TaskRecord t = s.book.submit(m.spec(), settings.defaultRetries(), now);
                    dispatch(s, now);
                    yield s.book.view(t.id()); // from memory: the reply needs no store read
                }
                case SubmitAll m -> {
                    List<String> ids = new java.util.ArrayList<>();
                    for (TaskSpec spec : m.specs()) ids.add(s.book.submit(spec, settings.defaultRetries(), now).id());
                    dispatch(s, now);
                    yield ids.stream().map(s.book::view).toList();
                }
                case Cancel m -> cancel(s, m.taskId(), now);
                case Drain m -> drain(s, m.workerId(), now);
                case ListWorkers m -> s.registry.all().stream().map(WorkerEntry::view).sorted(java.util.Comparator.comparing(WorkerView::id)).toList();
                case Status m -> counts(s, now);
                default -> throw new IllegalArgumentException("not a call: " + msg);
            };
            return reply;
        } catch (ApiException e) {
            return e;
        } catch (RuntimeException e) {
            log.error("control plane call {} failed", msg.getClass().getSimpleName(), e);
            return new ApiException(500, "internal", e.getMessage());
        }
    }

    /** Group commit: the first message of a batch opens a transaction and queues a Flush behind what is already waiting. */
    private void openBatch(State s) {
        if (s.batchOpen) return;
        store.begin();
        s.batchOpen = true;
        io.ado.runtime.ProcessContext self = io.ado.runtime.ProcessContext.current();
        self.runtime().cast(self.self(), new Flush());
    }

    private void flush(State s) {
        s.batchOpen = false;
        try {
            store.commit();
        } catch (RuntimeException e) {
            s.fx.discard(); // nothing the rolled-back batch decided may reach a worker or a subscriber
            throw e;
        }
        s.fx.release();
    }

    @Override
    public Result<State> handleCast(Object msg, State s) {
        long now = clock.millis();
        if (msg instanceof Flush) {
            try {
                flush(s);
            } catch (RuntimeException e) {
                // Memory now holds changes the store does not: stop, and let the owner start a
                // fresh control plane from the store (or stand by, if we were fenced off).
                log.error("control plane commit failed; stopping: {}", e.getMessage());
                return Result.stop(io.ado.runtime.ExitReason.custom("commit failed: " + e.getMessage()), s);
            }
            return Result.noReply(s);
        }
        openBatch(s);
        try {
            switch ((Msg) msg) {
                case FromWorker m -> fromWorker(s, m.link(), m.message(), now);
                case Disconnected m -> disconnected(s, m.link(), now);
                case Tick t -> tick(s, now);
                default -> log.warn("unexpected cast {}", msg);
            }
        } catch (RuntimeException e) {
            // A bad message or a store hiccup must not take the whole controller down.
            log.error("control plane failed on {}", msg.getClass().getSimpleName(), e);
        }
        return Result.noReply(s);
    }

    /**
     * A shutdown (not a kill: a deposed leader is killed) commits the open batch, so its callers
     * get their answers. After a crash the batch may hold half a message: it is dropped.
     */
    @Override
    public void terminate(io.ado.runtime.ExitReason reason, State s) {
        if (!s.batchOpen) return;
        s.batchOpen = false;
        if (!(reason instanceof io.ado.runtime.ExitReason.Shutdown)) {
            store.rollback();
            s.fx.discard();
            return;
        }
        s.batchOpen = true;
        try {
            flush(s);
        } catch (RuntimeException e) {
            log.warn("control plane: last batch not committed on stop: {}", e.getMessage());
        }
    }

    // ---- worker protocol -----------------------------------------------------------------

    private void fromWorker(State s, WorkerLink link, WorkerMessage msg, long now) {
        if (msg instanceof WorkerMessage.Register r) { register(s, link, r, now); return; }
        String workerId = s.linkOwner.get(link.id());
        if (workerId == null) {
            s.fx.send(link, new ControllerMessage.Error("not_registered", "send register first"));
            s.fx.close(link, "not registered");
            return;
        }
        if (s.links.get(workerId) != link) return; // a replaced or unregistered connection: ignore
        WorkerEntry w = s.registry.lookup(workerId).orElse(null);
        if (w == null) return;
        switch (msg) {
            case WorkerMessage.Heartbeat h -> {
                WorkerEntry next = w.heartbeat(now, h.cpuPercent(), h.memoryPercent(), h.draining());
                s.registry.put(next);
                if (s.health.recovers(w)) {
                    s.fx.event("worker.recovered", now, Map.of("workerId", workerId));
                    store.saveWorker(next.row());
                    dispatch(s, now);
                }
                s.health.anomalies(workerId, h.cpuPercent(), h.memoryPercent(), clock.instant()).forEach(s.fx::publish);
            }
            case WorkerMessage.Started m -> {
                AttemptRef ref = new AttemptRef(m.taskId(), m.attempt());
                if (s.book.isCurrent(ref, workerId)) s.book.started(ref, now);
            }
            case WorkerMessage.Output m -> {
                AttemptRef ref = new AttemptRef(m.taskId(), m.attempt());
                if (s.book.isCurrent(ref, workerId)) s.book.output(ref, m.seq(), m.stream(), m.data(), now);
            }
            case WorkerMessage.Completed m -> finished(s, link, w, new AttemptRef(m.taskId(), m.attempt()),
                    m.exitCode() == 0 ? TaskStatus.COMPLETED : TaskStatus.FAILED, m.exitCode(), m.exitCode() == 0 ? null : "exit code " + m.exitCode(), now);
            case WorkerMessage.Failed m -> finished(s, link, w, new AttemptRef(m.taskId(), m.attempt()), TaskStatus.FAILED, m.exitCode(), m.reason(), now);
            case WorkerMessage.Register r -> throw new AssertionError("handled above");
        }
    }

    private void finished(State s, WorkerLink link, WorkerEntry w, AttemptRef ref, TaskStatus end, Integer code, String error, long now) {
        if (s.book.isCurrent(ref, w.id())) {
            s.book.finish(ref, end, code, error, now);
            s.registry.put(w.minus(ref, end == TaskStatus.COMPLETED));
            s.fx.send(link, new ControllerMessage.Ack(ref.taskId(), ref.attempt()));
            dispatch(s, now);
        } else if (s.book.alreadyFinished(ref, w.id())) {
            s.fx.send(link, new ControllerMessage.Ack(ref.taskId(), ref.attempt())); // our ack was lost: say it again
        } else {
            // Fenced: this attempt was reassigned (or cancelled); its result must not count.
            s.registry.put(w.minus(ref, null));
            s.fx.event("task.stale_report", now, Map.of("taskId", ref.taskId(), "attempt", ref.attempt(), "workerId", w.id()));
            s.fx.send(link, new ControllerMessage.Cancel(ref.taskId(), ref.attempt(), "stale attempt: the task was reassigned or ended"));
        }
    }

    private void register(State s, WorkerLink link, WorkerMessage.Register r, long now) {
        if (r.protocolVersion() != Protocol.VERSION) {
            s.fx.send(link, new ControllerMessage.Error("protocol_version", "controller speaks version " + Protocol.VERSION + ", worker " + r.protocolVersion()));
            s.fx.close(link, "protocol version mismatch");
            return;
        }
        WorkerLink old = s.links.put(r.workerId(), link);
        if (old != null && old != link) { s.linkOwner.remove(old.id()); s.fx.close(old, "replaced by a new connection"); }
        s.linkOwner.put(link.id(), r.workerId());
        WorkerEntry before = s.registry.lookup(r.workerId()).orElse(null);
        Set<AttemptRef> known = before == null ? Set.of() : before.running();
        Set<AttemptRef> keep = new HashSet<>();
        for (AttemptRef ref : r.running()) {
            if (s.book.isCurrent(ref, r.workerId()) || s.book.alreadyFinished(ref, r.workerId())) {
                if (s.book.isCurrent(ref, r.workerId())) keep.add(ref);
            } else {
                s.fx.send(link, new ControllerMessage.Cancel(ref.taskId(), ref.attempt(), "stale attempt: the task was reassigned or ended"));
            }
        }
        for (AttemptRef ref : known) {
            if (!keep.contains(ref)) s.book.workerLost(ref, "worker " + r.workerId() + " came back without the attempt", now);
        }
        WorkerEntry entry = WorkerEntry.registered(r, keep, now, before);
        s.registry.put(entry);
        store.saveWorker(entry.row());
        s.fx.send(link, new ControllerMessage.Registered(Protocol.VERSION, r.workerId(), settings.health().heartbeatInterval().toMillis()));
        s.fx.event("worker.registered", now, Map.of("workerId", r.workerId(), "reconnected", before != null, "kept", keep.size()));
        dispatch(s, now);
    }

    private void disconnected(State s, WorkerLink link, long now) {
        String workerId = s.linkOwner.remove(link.id());
        if (workerId == null || s.links.get(workerId) != link) return;
        s.links.remove(workerId);
        s.registry.lookup(workerId).ifPresent(w -> {
            WorkerEntry next = w.withStatus(WorkerStatus.DISCONNECTED, now);
            s.registry.put(next);
            store.saveWorker(next.row());
            s.fx.event("worker.disconnected", now, Map.of("workerId", workerId));
        });
    }

    private void tick(State s, long now) {
        for (HealthAction a : s.health.check(s.registry.all(), clock.instant())) {
            switch (a) {
                case HealthAction.MarkUnhealthy m -> s.registry.lookup(m.workerId()).ifPresent(w -> {
                    WorkerEntry next = w.withStatus(WorkerStatus.UNHEALTHY, now);
                    s.registry.put(next);
                    store.saveWorker(next.row());
                    s.fx.event("worker.unhealthy", now, Map.of("workerId", m.workerId(), "reason", m.reason()));
                });
                case HealthAction.Unregister u -> unregister(s, u.workerId(), u.reason(), now);
            }
        }
        if (now >= s.nextRebalanceAt) {
            s.nextRebalanceAt = now + settings.loadBalancer().rebalanceInterval().toMillis();
            rebalance(s, now);
        }
        if (now >= s.nextCleanupAt) { // registry.cleanupInterval: forget workers gone for registry.staleThreshold
            s.nextCleanupAt = now + settings.registry().cleanupInterval().toMillis();
            List<String> gone = store.deleteOfflineWorkers(now - settings.registry().staleThreshold().toMillis());
            if (!gone.isEmpty()) log.info("registry cleanup: forgot {} offline worker(s): {}", gone.size(), gone);
        }
        dispatch(s, now);
    }

    /**
     * Moves tasks that an overloaded worker was given but has not started for a whole heartbeat
     * interval (a stuck or slow worker) to underloaded ones. Running work is never moved. The
     * old attempt is cancelled on its worker and fenced: a late report from it does not count.
     */
    private void rebalance(State s, long now) {
        long startedBy = now - settings.health().heartbeatInterval().toMillis();
        Map<String, List<Rebalancer.Movable>> movable = new HashMap<>();
        for (WorkerEntry w : s.registry.all()) {
            List<Rebalancer.Movable> mine = new java.util.ArrayList<>();
            for (AttemptRef ref : w.running()) {
                s.book.waitingSince(ref).filter(at -> at <= startedBy).ifPresent(at ->
                        mine.add(new Rebalancer.Movable(ref.taskId(), ref.attempt(), s.book.active(ref.taskId()).orElseThrow().spec())));
            }
            mine.sort(java.util.Comparator.comparing(Rebalancer.Movable::taskId));
            if (!mine.isEmpty()) movable.put(w.id(), mine);
        }
        if (movable.isEmpty()) return;
        for (Rebalancer.Move m : Rebalancer.plan(ClusterSnapshot.of(s.registry.all(), runningGroups(s, s.registry.all())), s.balancer, movable)) {
            WorkerLink to = s.links.get(m.to());
            if (to == null) continue;
            AttemptRef old = new AttemptRef(m.taskId(), m.attempt());
            TaskRecord placed = s.book.move(old, m.from(), m.to(), now);
            s.registry.lookup(m.from()).ifPresent(w -> s.registry.put(w.minus(old, null)));
            s.registry.put(s.registry.lookup(m.to()).orElseThrow().plus(new AttemptRef(placed.id(), placed.attempt())));
            WorkerLink from = s.links.get(m.from());
            if (from != null) s.fx.send(from, new ControllerMessage.Cancel(m.taskId(), m.attempt(), "moved to another worker by rebalance"));
            s.fx.send(to, new ControllerMessage.Assign(placed.id(), placed.attempt(), placed.spec()));
        }
    }

    private void unregister(State s, String workerId, String reason, long now) {
        WorkerEntry w = s.registry.unregister(workerId).orElse(null);
        if (w == null) return;
        for (AttemptRef ref : w.running()) s.book.workerLost(ref, "worker " + workerId + " lost: " + reason, now);
        WorkerLink link = s.links.remove(workerId);
        if (link != null) { s.linkOwner.remove(link.id()); s.fx.close(link, "unregistered: " + reason); }
        store.saveWorker(w.withStatus(WorkerStatus.OFFLINE, now).row());
        s.fx.event("worker.unregistered", now, Map.of("workerId", workerId, "reason", reason));
    }

    // ---- tasks ------------------------------------------------------------------------------

    /** Places queued tasks, oldest first, while some worker has a free slot. */
    private void dispatch(State s, long now) {
        if (s.book.queue().isEmpty()) return;
        java.util.Collection<WorkerEntry> all = s.registry.all();
        boolean free = false;
        for (WorkerEntry w : all) free |= s.balancer.available(w);
        if (!free) return; // the common case under load: every slot is taken
        ClusterSnapshot snap = ClusterSnapshot.of(all, runningGroups(s, all));
        for (Iterator<String> it = s.book.queue().iterator(); it.hasNext(); ) {
            TaskRecord t = s.book.active(it.next()).orElse(null);
            if (t == null || t.status() != TaskStatus.PENDING) { it.remove(); continue; }
            if (!(s.balancer.choose(snap, t.spec()) instanceof Placement.Assign a)) continue;
            WorkerLink link = s.links.get(a.workerId());
            if (link == null) continue;
            it.remove();
            TaskRecord placed = s.book.schedule(t, a.workerId(), now);
            AttemptRef ref = new AttemptRef(placed.id(), placed.attempt());
            WorkerEntry w = s.registry.lookup(a.workerId()).orElseThrow().plus(ref);
            s.registry.put(w);
            snap = snap.with(w, placed.spec().group());
            s.fx.send(link, new ControllerMessage.Assign(placed.id(), placed.attempt(), placed.spec()));
            if (!s.balancer.anyFree(snap)) return;
        }
    }

    /** The task groups each worker is running now (for group anti-affinity); empty when no unfinished task has a group. */
    private static Map<String, Set<String>> runningGroups(State s, java.util.Collection<WorkerEntry> workers) {
        Map<String, Set<String>> groups = new HashMap<>();
        if (!s.book.hasGroups()) return groups;
        for (WorkerEntry w : workers) {
            for (AttemptRef ref : w.running()) {
                s.book.active(ref.taskId()).map(t -> t.spec().group()).ifPresent(g -> groups.computeIfAbsent(w.id(), k -> new HashSet<>()).add(g));
            }
        }
        return groups;
    }

    private Object cancel(State s, String taskId, long now) {
        TaskRecord t = s.book.active(taskId).orElse(null);
        if (t == null) {
            TaskRecord done = store.task(taskId).orElseThrow(() -> ApiException.notFound("task", taskId));
            throw ApiException.conflict("task " + taskId + " is already " + done.status().wireName());
        }
        if (t.workerId() != null && t.status() != TaskStatus.PENDING) {
            AttemptRef ref = new AttemptRef(t.id(), t.attempt());
            WorkerLink link = s.links.get(t.workerId());
            if (link != null) s.fx.send(link, new ControllerMessage.Cancel(t.id(), t.attempt(), "cancelled by user"));
            s.registry.lookup(t.workerId()).ifPresent(w -> s.registry.put(w.minus(ref, null)));
        }
        s.book.cancel(t, now);
        dispatch(s, now);
        return taskId;
    }

    private WorkerView drain(State s, String workerId, long now) {
        WorkerEntry w = s.registry.lookup(workerId).orElseThrow(() -> ApiException.notFound("worker", workerId));
        WorkerEntry next = w.withStatus(WorkerStatus.DRAINING, now);
        s.registry.put(next);
        store.saveWorker(next.row());
        WorkerLink link = s.links.get(workerId);
        if (link != null) s.fx.send(link, new ControllerMessage.Drain("drained through the API"));
        s.fx.event("worker.draining", now, Map.of("workerId", workerId));
        return next.view();
    }

    /** Counts for the admin status page, with what the scaling policy would do now (no spawner acts on it yet). */
    private Map<String, Object> counts(State s, long now) {
        var workers = s.registry.all();
        int idle = (int) workers.stream().filter(w -> w.status() == WorkerStatus.IDLE).count();
        double util = workers.isEmpty() ? 0 : workers.stream().mapToDouble(s.balancer::utilization).average().orElse(0) * 100;
        if (util < settings.scaling().scaleDownUtilizationThreshold()) {
            if (s.lowUtilizationSince == null) s.lowUtilizationSince = java.time.Instant.ofEpochMilli(now);
        } else {
            s.lowUtilizationSince = null;
        }
        var metrics = new io.ado.controller.scaling.ClusterMetrics(workers.size(), idle, util, s.book.queue().size(), s.lowUtilizationSince, null);
        var plan = new io.ado.controller.scaling.ScalingPolicy(settings.scaling()).plan(metrics, java.time.Instant.ofEpochMilli(now));
        return Map.of("workers", workers.size(), "unfinishedTasks", s.book.activeCount(), "queued", s.book.queue().size(),
                "scalingAdvice", plan.toString());
    }

}
