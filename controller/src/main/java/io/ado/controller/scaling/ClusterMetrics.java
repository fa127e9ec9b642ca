package io.ado.controller.scaling;

import java.time.Instant;

/**
 * What the scaling decision looks at. {@code totalWorkers} counts the pool: registered workers
 * not being retired plus {@code startingWorkers} (spawned, not registered yet), so one burst
 * never spawns twice. {@code avgUtilization} is in percent (0–100) like the seed's thresholds,
 * over registered workers; {@code lowUtilizationSince} is when it last dropped below the
 * scale-down threshold (null while above); {@code lastScaleAt} starts the cooldown.
 * {@code desiredFloor} is {@code ado admin scale N} (0: none); {@code groupDemand} the most
 * unfinished tasks of one {@code --workers N} group, each of which needs its own worker.
 */
public record ClusterMetrics(int totalWorkers, int idleWorkers, double avgUtilization, int queueLength,
                             Instant lowUtilizationSince, Instant lastScaleAt, int startingWorkers, int desiredFloor, int groupDemand) {

    /** The seed's metrics alone: nothing starting, no floor, no group demand. */
    public ClusterMetrics(int totalWorkers, int idleWorkers, double avgUtilization, int queueLength, Instant lowUtilizationSince, Instant lastScaleAt) {
        this(totalWorkers, idleWorkers, avgUtilization, queueLength, lowUtilizationSince, lastScaleAt, 0, 0, 0);
    }
}
