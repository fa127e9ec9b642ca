package io.ado.controller.scaling;

import java.time.Instant;

/**
 * What the scaling decision looks at. {@code avgUtilization} is in percent (0–100) like the
 * seed's thresholds; {@code lowUtilizationSince} is when utilization last dropped below the
 * scale-down threshold (null while it is above); {@code lastScaleAt} starts the cooldown.
 */
public record ClusterMetrics(int totalWorkers, int idleWorkers, double avgUtilization, int queueLength,
                             Instant lowUtilizationSince, Instant lastScaleAt) {}
