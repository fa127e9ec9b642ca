package io.ado.controller.scaling;

import java.time.Duration;

/** Seed 000 {@code scaling.*}; thresholds of utilization are in percent. */
public record ScalingSettings(boolean enabled, int minWorkers, int maxWorkers, int scaleUpQueueThreshold, double scaleUpUtilizationThreshold,
                              double scaleDownUtilizationThreshold, Duration scaleDownDelay, Duration cooldownPeriod) {
    public static final ScalingSettings DEFAULTS = new ScalingSettings(true, 2, 50, 10, 80, 20, Duration.ofMinutes(5), Duration.ofMinutes(1));

    public ScalingSettings {
        if (minWorkers < 0 || maxWorkers < minWorkers) throw new IllegalArgumentException("maxWorkers: must be >= minWorkers >= 0");
    }
}
