package io.ado.controller.plane;

import io.ado.controller.balancer.LoadBalancer;
import io.ado.controller.plane.ControllerEvent.WorkerDraining;
import io.ado.controller.plane.ControllerEvent.WorkerSpawnFailed;
import io.ado.controller.plane.Plan.PoolAction;
import io.ado.controller.registry.WorkerEntry;
import io.ado.controller.scaling.ClusterMetrics;
import io.ado.controller.scaling.PoolLedger;
import io.ado.controller.scaling.PoolLedger.Retiring;
import io.ado.controller.scaling.PoolLedger.Starting;
import io.ado.controller.scaling.ScalingPlan;
import io.ado.controller.scaling.ScalingPolicy;
import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.scaling.ScalingState;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.WorkerStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The scaling round: the {@link ScalingPolicy}'s decision over the pool as it is now, and, when a
 * spawner acts on it, the decision carried out as plan parts. A scale-up mints one join token per
 * new worker and asks for a {@link PoolAction.Spawn}; the worker counts as starting until it
 * registers (or is deleted as failed after {@code spawnTimeout}). A scale-down drains idle workers
 * of this pool, oldest first; a later round terminates each only if it still holds nothing (a task
 * that reached it in between keeps its worker), so scale-down never kills work.
 */
final class ScalingRound {
    /** Removes a worker from the registry as the health round does (its attempts, if any, are lost). */
    interface Unregister { void apply(Plan.Builder b, String workerId, String reason, long now); }

    private final ScalingSettings config;
    private final PlaneState s;
    private final ScalingPolicy policy;
    private final LoadBalancer balancer;
    private final JoinTokens tokens;
    private final RandomGenerator random;
    private final Unregister unregister;

    ScalingRound(ScalingSettings config, PlaneState state, LoadBalancer balancer, JoinTokens tokens, RandomGenerator random, Unregister unregister) {
        this.config = config;
        this.s = state;
        this.policy = new ScalingPolicy(config);
        this.balancer = balancer;
        this.tokens = tokens;
        this.random = random;
        this.unregister = unregister;
    }

    /** One evaluation; with a spawner, the workers it settles, spawns and retires. */
    Plan plan(long now) {
        Plan.Builder b = new Plan.Builder();
        if (!config.spawns()) return b.scaling(policy.evaluate(s.scaling, metrics(PoolLedger.EMPTY), Instant.ofEpochMilli(now))).build();
        // Runs after every submit and task end: the ledger is copied only when something in it can change.
        PoolLedger before = s.scaling.pool();
        PoolLedger.Edit e = before.starting().isEmpty() && before.retiring().isEmpty() ? null : before.edit();
        if (e != null) settle(b, e, now);
        PoolLedger settled = e == null ? before : e.done();
        ScalingState next = policy.evaluate(s.scaling, metrics(settled), Instant.ofEpochMilli(now));
        if (next.lastDecision() instanceof ScalingPlan.None) return b.scaling(next.withPool(settled)).build();
        if (e == null) e = before.edit();
        next = switch (next.lastDecision()) {
            case ScalingPlan.ScaleUp up -> spawn(b, e, next, up, now);
            case ScalingPlan.ScaleDown down -> retire(b, e, next, down, now);
            case ScalingPlan.None none -> next;
        };
        return b.scaling(next.withPool(e.done())).build();
    }

    /** Starting workers that registered or ran out of time; retiring workers that now hold nothing. */
    private void settle(Plan.Builder b, PoolLedger.Edit e, long now) {
        for (Iterator<Map.Entry<String, Starting>> it = e.starting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Starting> en = it.next();
            WorkerEntry w = s.registry.lookup(en.getKey()).orElse(null);
            if (w != null && w.isConnected()) {
                it.remove();
                e.owned.add(en.getKey());
                e.failures = 0;
            } else if (now - en.getValue().since() >= config.spawnTimeout().toMillis()) {
                it.remove();
                String detail = en.getValue().detail();
                failed(b, e, en.getKey(), "did not register within " + config.spawnTimeout().toSeconds() + "s" + (detail == null ? "" : ": " + detail), now);
            }
        }
        for (Iterator<Map.Entry<String, Retiring>> it = e.retiring.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Retiring> en = it.next();
            String id = en.getKey();
            WorkerEntry w = b.worker(id, s.registry.lookup(id).orElse(null));
            if (w != null && !w.running().isEmpty()) continue; // work reached it after all: it keeps its worker until that ends
            it.remove();
            e.owned.remove(id);
            if (w != null) unregister.apply(b, id, "retired by scaling", now);
            b.pool(new PoolAction.Terminate(id, "retired by scaling", en.getValue().seq()));
        }
    }

    /** A spawned worker that will not come up: reported, deleted, and the next spawn backs off. */
    static void failed(Plan.Builder b, PoolLedger.Edit e, String workerId, String reason, long now) {
        e.failed(now);
        e.lastFailure = workerId + ": " + reason;
        b.event(new WorkerSpawnFailed(workerId, reason, now)).pool(new PoolAction.Terminate(workerId, "spawn failed: " + reason, 0));
    }

    private ScalingState spawn(Plan.Builder b, PoolLedger.Edit e, ScalingState next, ScalingPlan.ScaleUp up, long now) {
        if (!e.inventoryKnown) return next.withDecision(new ScalingPlan.None(up.reason() + ", waiting for the spawner's inventory"));
        if (now < e.nextSpawnAt) {
            return next.withDecision(new ScalingPlan.None(up.reason() + ", backing off after " + e.failures + " failed spawn(s) until "
                    + Instant.ofEpochMilli(e.nextSpawnAt)));
        }
        long seq = e.record("scale_up", up.count(), up.reason(), now);
        for (int i = 0; i < up.count(); i++) {
            String id = newId(e);
            e.starting.put(id, new Starting(now, null, seq));
            b.pool(new PoolAction.Spawn(id, tokens.mint(b, id, now), seq));
        }
        return next.scaledAt(Instant.ofEpochMilli(now));
    }

    private ScalingState retire(Plan.Builder b, PoolLedger.Edit e, ScalingState next, ScalingPlan.ScaleDown down, long now) {
        List<WorkerEntry> idle = s.registry.all().stream()
                .filter(w -> w.status() == WorkerStatus.IDLE && w.running().isEmpty() && e.owned.contains(w.id()) && !e.retiring.containsKey(w.id()))
                .sorted(Comparator.comparingLong(WorkerEntry::registeredAt).thenComparing(WorkerEntry::id))
                .limit(down.count()).toList();
        if (idle.isEmpty()) return next.withDecision(new ScalingPlan.None(down.reason() + ", but no idle worker this pool spawned"));
        long seq = e.record("scale_down", idle.size(), down.reason(), now);
        for (WorkerEntry w : idle) {
            WorkerEntry drained = w.withStatus(WorkerStatus.DRAINING, now);
            b.put(drained).write(new StoreWrite.SaveWorker(WorkerRows.row(drained))).event(new WorkerDraining(w.id(), now));
            WorkerLink link = s.link(w.id());
            if (link != null) b.send(link, new ControllerMessage.Drain("retired by scaling: " + down.reason()));
            e.retiring.put(w.id(), new Retiring(now, seq));
        }
        return next.scaledAt(Instant.ofEpochMilli(now));
    }

    /** {@code ado-<pool>-<6 base-36 chars>}: a DNS-1123 label, so also a pod name. */
    private String newId(PoolLedger.Edit e) {
        while (true) {
            StringBuilder id = new StringBuilder("ado-").append(config.pool()).append('-');
            for (int i = 0; i < 6; i++) id.append(Character.forDigit(random.nextInt(36), 36));
            String candidate = id.toString();
            if (!e.starting.containsKey(candidate) && s.registry.lookup(candidate).isEmpty()) return candidate;
        }
    }

    /** The pool as the policy sees it: registered workers that take work (not drained, retiring or gone), plus those starting. */
    ClusterMetrics metrics(PoolLedger pool) {
        int total = 0, idle = 0;
        double util = 0;
        for (WorkerEntry w : s.registry.all()) {
            if (w.status() == WorkerStatus.OFFLINE || w.status() == WorkerStatus.DRAINING || pool.retiring().containsKey(w.id())) continue;
            total++;
            if (w.status() == WorkerStatus.IDLE) idle++;
            util += balancer.utilization(w);
        }
        util = total == 0 ? 0 : util / total * 100;
        return new ClusterMetrics(total + pool.starting().size(), idle, util, s.book.queued(), null, null, pool.starting().size(), pool.floor(),
                s.book.largestGroup());
    }

    /** The scaling part of {@code ado admin status}: desired vs current vs starting, and the recent decisions with their reasons. */
    ScalingView view() {
        PoolLedger l = s.scaling.pool();
        ClusterMetrics m = metrics(l);
        int current = m.totalWorkers() - m.startingWorkers();
        int demand = Math.max(config.minWorkers(), Math.min(config.maxWorkers(), Math.max(l.floor(), m.groupDemand())));
        List<ScalingView.StartingWorker> starting = l.starting().entrySet().stream()
                .map(en -> new ScalingView.StartingWorker(en.getKey(), en.getValue().since(), en.getValue().detail())).toList();
        return new ScalingView(config.spawner(), config.enabled(), config.minWorkers(), config.maxWorkers(), l.floor(),
                Math.min(config.maxWorkers(), Math.max(demand, m.totalWorkers())), current, starting.size(), l.retiring().size(), starting,
                List.copyOf(l.retiring().keySet()), s.scaling.lastDecision().toString(), l.recent(),
                l.nextSpawnAt() > 0 && l.failures() > 0 ? l.nextSpawnAt() : null, l.inventoryKnown(), l.inventoryError(), l.lastFailure());
    }
}
