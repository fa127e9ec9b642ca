package io.ado.controller.plane;

import io.ado.controller.scaling.ScalingRecord;
import java.util.List;

/**
 * The scaling part of {@code GET /api/v1/admin/status}. {@code current}: registered workers that
 * take work; {@code starting}: spawned, not registered yet; {@code desired}: what the pool is
 * being brought to. {@code decisions}: the last scale-ups, scale-downs and orphan removals with
 * their reasons and results; {@code backoffUntil}: when spawning resumes after failures (null:
 * not backing off); {@code inventoryKnown}: the spawner's inventory was read since the plane started
 * (nothing is spawned before); {@code lastSpawnFailure}: {@code <worker>: <reason>} of the last
 * spawn that failed or did not register in time; {@code inventoryError}: why the spawner could not be read, if it could not.
 */
public record ScalingView(String spawner, boolean enabled, int minWorkers, int maxWorkers, int desiredFloor, int desired, int current, int starting,
                          int retiring, List<StartingWorker> startingWorkers, List<String> retiringWorkers, String lastDecision,
                          List<ScalingRecord> decisions, Long backoffUntil, boolean inventoryKnown, String inventoryError,
                          String lastSpawnFailure) {

    /** {@code detail}: the spawner's last word on it (e.g. a pod's waiting reason), null if none. */
    public record StartingWorker(String workerId, long since, String detail) {}
}
