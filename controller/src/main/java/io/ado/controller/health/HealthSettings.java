package io.ado.controller.health;

import java.time.Duration;

/**
 * Seed 000 {@code health.*} plus {@code reconnectWindow}: how long a worker whose connection
 * dropped keeps its tasks before they are handed to others.
 */
public record HealthSettings(Duration heartbeatInterval, Duration timeoutThreshold, Duration unhealthyGracePeriod,
                             Duration reconnectWindow, double highCpuPercent, double highMemoryPercent) {

    public static final HealthSettings DEFAULTS = new HealthSettings(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(2), 90, 85);

    public HealthSettings {
        positive("heartbeatInterval", heartbeatInterval);
        positive("timeoutThreshold", timeoutThreshold);
        positive("unhealthyGracePeriod", unhealthyGracePeriod);
        positive("reconnectWindow", reconnectWindow);
        if (timeoutThreshold.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("timeoutThreshold: must be longer than heartbeatInterval (" + heartbeatInterval.toMillis() + " ms)");
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + ": must be a positive duration");
    }
}
