package io.ado.controller.plane;

import io.ado.controller.plane.ControllerEvent.ScaledDown;
import io.ado.controller.plane.ControllerEvent.ScaledUp;
import io.ado.controller.plane.Plan.PoolAction;
import io.ado.controller.registry.WorkerEntry;
import io.ado.controller.scaling.PoolLedger;
import io.ado.controller.scaling.PoolLedger.Starting;
import io.ado.controller.scaling.ScalingRecord;
import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.spawner.SpawnedInstance;
import io.ado.protocol.WorkerStatus;

/**
 * What the spawner tells the plane back: a spawn or a termination done (or not), and its
 * inventory, read on start and every few seconds. The inventory is how the pool stays free of
 * orphans: a listed worker that is registered is this pool's (re-adopted after a controller
 * restart); one neither registered nor starting is adopted as starting while young, and
 * terminated once older than {@code spawnTimeout} or failed.
 */
final class SpawnerReports {
    private final ScalingSettings config;
    private final PlaneState s;

    SpawnerReports(ScalingSettings config, PlaneState state) {
        this.config = config;
        this.s = state;
    }

    void spawned(Plan.Builder b, ControlPlane.Spawned m, long now) {
        PoolLedger.Edit e = s.scaling.pool().edit();
        if (m.error() != null && e.starting.remove(m.workerId()) != null) ScalingRound.failed(b, e, m.workerId(), m.error(), now);
        ScalingRecord r = e.count(m.decision(), m.error() == null);
        if (r != null) b.event(new ScaledUp(r.requested(), r.done(), r.reason(), now));
        b.scaling(s.scaling.withPool(e.done())).scale();
    }

    void terminated(Plan.Builder b, ControlPlane.Terminated m, long now) {
        PoolLedger.Edit e = s.scaling.pool().edit();
        ScalingRecord r = e.count(m.decision(), m.error() == null);
        if (r != null && r.action().equals("scale_down")) b.event(new ScaledDown(r.requested(), r.done(), r.reason(), now));
        b.scaling(s.scaling.withPool(e.done()));
    }

    void inventory(Plan.Builder b, ControlPlane.Inventory m, long now) {
        PoolLedger.Edit e = s.scaling.pool().edit();
        e.inventoryError = m.error();
        if (m.error() == null) {
            e.inventoryKnown = true;
            for (SpawnedInstance i : m.instances()) reconcile(b, e, i, now);
        }
        b.scaling(s.scaling.withPool(e.done())).scale();
    }

    private void reconcile(Plan.Builder b, PoolLedger.Edit e, SpawnedInstance i, long now) {
        String id = i.workerId();
        WorkerEntry w = s.registry.lookup(id).orElse(null);
        if (w != null && w.status() != WorkerStatus.OFFLINE) {
            e.owned.add(id);
            return;
        }
        Starting st = e.starting.get(id);
        if (st != null) {
            if (i.phase() == SpawnedInstance.Phase.FAILED) {
                e.starting.remove(id);
                ScalingRound.failed(b, e, id, i.detail() == null ? "failed before registering" : i.detail(), now);
            } else {
                e.starting.put(id, new Starting(st.since(), i.detail(), st.seq()));
            }
            return;
        }
        if (e.retiring.containsKey(id)) return; // being terminated already
        long age = now - i.createdAt().toEpochMilli();
        if (i.phase() == SpawnedInstance.Phase.FAILED || age >= config.spawnTimeout().toMillis()) {
            long seq = e.record("remove_orphan", 1, "neither registered nor starting: " + id, now);
            b.pool(new PoolAction.Terminate(id, "orphan: neither registered nor starting", seq));
        } else {
            e.starting.put(id, new Starting(i.createdAt().toEpochMilli(), i.detail(), 0)); // spawned before a restart: it may still register
        }
    }

    /** {@code ado admin scale N}: a floor the pool is kept at until cleared (null or 0). */
    void floor(Plan.Builder b, ControlPlane.Scale m) {
        int floor = m.floor() == null ? 0 : m.floor();
        if (floor < 0 || floor > config.maxWorkers()) {
            throw ApiException.badRequest("workers: must be 0.." + config.maxWorkers() + " (scaling.maxWorkers), got " + floor);
        }
        PoolLedger.Edit e = s.scaling.pool().edit();
        e.floor = floor;
        b.scaling(s.scaling.withPool(e.done())).scale();
    }
}
