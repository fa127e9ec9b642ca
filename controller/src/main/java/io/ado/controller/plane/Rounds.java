package io.ado.controller.plane;

import io.ado.controller.balancer.ClusterSnapshot;
import io.ado.controller.balancer.LoadBalancer;
import io.ado.controller.balancer.Placement;
import io.ado.controller.balancer.Rebalancer;
import io.ado.controller.health.HealthAction;
import io.ado.controller.health.HealthPolicy;
import io.ado.controller.plane.ControllerEvent.WorkerUnhealthy;
import io.ado.controller.plane.ControllerEvent.WorkerUnregistered;
import io.ado.controller.registry.WorkerEntry;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The plane's rounds, each a plan over the current memory: the health round of a tick (with
 * the timing of rebalance and registry cleanup), dispatch, rebalance, scaling evaluation, and
 * the recovery after a restart. Pure like {@link Reconciler}: they read and return plans.
 */
final class Rounds {
    /** After a controller restart, workers need a moment to notice and reconnect through their backoff. */
    static final long RESTART_GRACE_MS = 5_000;

    private final PlaneSettings settings;
    private final PlaneState s;
    private final TaskPlans tasks;
    private final LoadBalancer balancer;
    private final HealthPolicy health;
    private final ScalingRound scaling;

    Rounds(PlaneSettings settings, PlaneState state, TaskPlans tasks, LoadBalancer balancer, HealthPolicy health, JoinTokens tokens,
           RandomGenerator random) {
        this.settings = settings;
        this.s = state;
        this.tasks = tasks;
        this.balancer = balancer;
        this.health = health;
        this.scaling = new ScalingRound(settings.scaling(), state, balancer, tokens, random, this::unregister);
    }

    /** A tick: unhealthy and unregistered workers, then whether a rebalance and a registry cleanup are due; dispatch and scaling follow. */
    void health(Plan.Builder b, long now) {
        for (HealthAction a : health.check(s.registry.all(), Instant.ofEpochMilli(now))) {
            switch (a) {
                case HealthAction.MarkUnhealthy m -> s.registry.lookup(m.workerId()).ifPresent(w -> {
                    WorkerEntry next = w.withStatus(WorkerStatus.UNHEALTHY, now);
                    b.put(next).write(new StoreWrite.SaveWorker(WorkerRows.row(next))).event(new WorkerUnhealthy(m.workerId(), m.reason(), now));
                });
                case HealthAction.Unregister u -> unregister(b, u.workerId(), u.reason(), now);
            }
        }
        long nextRebalance = s.nextRebalanceAt, nextCleanup = s.nextCleanupAt;
        if (now >= nextRebalance) {
            nextRebalance = now + settings.balancer().rebalanceInterval().toMillis();
            b.rebalance();
        }
        if (now >= nextCleanup) { // registry.cleanupInterval: forget workers gone for registry.staleThreshold
            nextCleanup = now + settings.registry().cleanupInterval().toMillis();
            b.write(new StoreWrite.DeleteOfflineWorkers(now - settings.registry().staleThreshold().toMillis()));
        }
        if (nextRebalance != s.nextRebalanceAt || nextCleanup != s.nextCleanupAt) b.timers(new Plan.Timers(nextRebalance, nextCleanup));
        b.dispatch().scale();
    }

    private void unregister(Plan.Builder b, String workerId, String reason, long now) {
        WorkerEntry w = s.registry.lookup(workerId).orElse(null);
        if (w == null) return;
        b.remove(workerId);
        for (AttemptRef ref : w.running()) tasks.workerLost(b, ref, "worker " + workerId + " lost: " + reason, now);
        WorkerLink link = s.link(workerId);
        if (link != null) b.link(new Plan.LinkChange.Forget(link)).close(link, "unregistered: " + reason);
        b.write(new StoreWrite.SaveWorker(WorkerRows.row(w.withStatus(WorkerStatus.OFFLINE, now)))).event(new WorkerUnregistered(workerId, reason, now));
    }

    /** After a restart: known workers come back disconnected and keep their attempts until the window closes; other attempts are lost. */
    Plan recovered(long now) {
        Plan.Builder b = new Plan.Builder();
        for (TaskRecord t : s.book.all()) {
            if (t.workerId() == null || t.status() == TaskStatus.PENDING) continue;
            AttemptRef ref = new AttemptRef(t.id(), t.attempt());
            WorkerEntry w = b.worker(t.workerId(), s.registry.lookup(t.workerId()).orElse(null));
            if (w != null) b.put(w.plus(ref));
            else tasks.workerLost(b, ref, "worker " + t.workerId() + " unknown after restart", now);
        }
        b.timers(new Plan.Timers(now + settings.balancer().rebalanceInterval().toMillis(), now + settings.registry().cleanupInterval().toMillis()));
        return b.build();
    }

    /** Places queued tasks, oldest first, while some worker has a free slot. */
    Plan dispatch(long now) {
        Plan.Builder b = new Plan.Builder();
        if (s.book.queued() == 0) return b.build();
        Collection<WorkerEntry> all = s.registry.all();
        boolean free = false;
        for (WorkerEntry w : all) free |= balancer.available(w);
        if (!free) return b.build(); // the common case under load: every slot is taken
        ClusterSnapshot snap = ClusterSnapshot.of(all, runningGroups(all));
        for (String id : s.book.queue()) {
            TaskRecord t = s.book.get(id);
            if (t == null || t.status() != TaskStatus.PENDING) continue;
            if (!(balancer.choose(snap, t.spec()) instanceof Placement.Assign a)) continue;
            WorkerLink link = s.link(a.workerId());
            if (link == null) continue;
            TaskRecord placed = tasks.schedule(b, t, a.workerId(), now);
            WorkerEntry w = b.worker(a.workerId(), s.registry.lookup(a.workerId()).orElseThrow()).plus(new AttemptRef(placed.id(), placed.attempt()));
            b.put(w).send(link, new ControllerMessage.Assign(placed.id(), placed.attempt(), placed.spec()));
            snap = snap.with(w, placed.spec().group());
            if (!balancer.anyFree(snap)) break;
        }
        return b.build();
    }

    /**
     * Moves tasks that an overloaded worker was given but has not started for a whole heartbeat
     * interval (a stuck or slow worker) to underloaded ones. Running work is never moved. The
     * old attempt is cancelled on its worker and fenced: a late report from it does not count.
     */
    Plan rebalance(long now) {
        Plan.Builder b = new Plan.Builder();
        Map<String, List<Rebalancer.Movable>> movable = movable(now - settings.health().heartbeatInterval().toMillis());
        if (movable.isEmpty()) return b.build();
        Collection<WorkerEntry> all = s.registry.all();
        for (Rebalancer.Move m : Rebalancer.plan(ClusterSnapshot.of(all, runningGroups(all)), balancer, movable)) {
            WorkerLink to = s.link(m.to());
            if (to == null) continue;
            AttemptRef old = new AttemptRef(m.taskId(), m.attempt());
            TaskRecord placed = tasks.move(b, old, m.from(), m.to(), now);
            WorkerEntry from = b.worker(m.from(), s.registry.lookup(m.from()).orElse(null));
            if (from != null) b.put(from.minus(old, null));
            b.put(b.worker(m.to(), s.registry.lookup(m.to()).orElseThrow()).plus(new AttemptRef(placed.id(), placed.attempt())));
            WorkerLink fromLink = s.link(m.from());
            if (fromLink != null) b.send(fromLink, new ControllerMessage.Cancel(m.taskId(), m.attempt(), "moved to another worker by rebalance"));
            b.send(to, new ControllerMessage.Assign(placed.id(), placed.attempt(), placed.spec()));
        }
        return b.build();
    }

    /** Rebalance selection: per worker, by task id, the attempts placed at or before {@code startedBy} that have not started. */
    Map<String, List<Rebalancer.Movable>> movable(long startedBy) {
        Map<String, List<Rebalancer.Movable>> movable = new HashMap<>();
        for (WorkerEntry w : s.registry.all()) {
            List<Rebalancer.Movable> mine = new ArrayList<>();
            for (AttemptRef ref : w.running()) {
                s.book.waitingSince(ref).filter(at -> at <= startedBy).ifPresent(at ->
                        mine.add(new Rebalancer.Movable(ref.taskId(), ref.attempt(), s.book.get(ref.taskId()).spec())));
            }
            mine.sort(Comparator.comparing(Rebalancer.Movable::taskId));
            if (!mine.isEmpty()) movable.put(w.id(), mine);
        }
        return movable;
    }

    /** Scaling evaluation over the workers and the queue as they are now; with a spawner, also what it spawns and retires. */
    Plan scale(long now) { return scaling.plan(now); }

    ScalingView scalingView() { return scaling.view(); }

    /**
     * The counts and the pending reasons of a {@link PlaneSnapshot}, after a tick's dispatch: one
     * {@link LoadBalancer#explain} per distinct shape of the tasks still queued, not one per task.
     */
    PlaneSnapshot snapshot(long now) {
        Map<TaskStatus, Integer> tasks = new EnumMap<>(TaskStatus.class);
        for (TaskRecord t : s.book.all()) tasks.merge(t.status(), 1, Integer::sum);
        Collection<WorkerEntry> all = s.registry.all();
        Map<WorkerStatus, Integer> workers = new EnumMap<>(WorkerStatus.class);
        long lag = 0;
        for (WorkerEntry w : all) {
            workers.merge(w.status(), 1, Integer::sum);
            if (w.isConnected()) lag = Math.max(lag, now - w.lastHeartbeat());
        }
        Map<PlaneSnapshot.Shape, String> reasons = new HashMap<>();
        if (s.book.queued() > 0) {
            ClusterSnapshot snap = ClusterSnapshot.of(all, runningGroups(all));
            Set<PlaneSnapshot.Shape> seen = new HashSet<>();
            for (String id : s.book.queue()) {
                TaskRecord t = s.book.get(id);
                PlaneSnapshot.Shape shape = t == null ? null : PlaneSnapshot.Shape.of(t.spec());
                if (shape == null || !seen.add(shape)) continue;
                String why = balancer.explain(snap, t.spec());
                if (why != null) reasons.put(shape, why);
            }
        }
        return new PlaneSnapshot(now, tasks, s.book.queued(), workers, lag, reasons);
    }

    /** The task groups each worker is running now (for group anti-affinity); empty when no unfinished task has a group. */
    private Map<String, Set<String>> runningGroups(Collection<WorkerEntry> workers) {
        Map<String, Set<String>> groups = new HashMap<>();
        if (!s.book.hasGroups()) return groups;
        for (WorkerEntry w : workers) {
            for (AttemptRef ref : w.running()) {
                TaskRecord t = s.book.get(ref.taskId());
                if (t != null && t.spec().group() != null) groups.computeIfAbsent(w.id(), k -> new HashSet<>()).add(t.spec().group());
            }
        }
        return groups;
    }
}
