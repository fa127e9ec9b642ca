package io.ado.controller.scaling;

import io.ado.controller.spawner.LocalSpawnerSettings;
import io.ado.controller.spawner.kubernetes.KubernetesSpawnerSettings;
import java.time.Duration;
import java.util.Set;

/**
 * Seed 000 {@code scaling.*}; thresholds of utilization are in percent. {@code spawner} says who
 * acts on the decisions: {@code none} (advice only, workers are started by hand), {@code local}
 * (processes on this machine) or {@code kubernetes} (pods); {@code spawnTimeout} is how long a
 * spawned worker may take to register before it is deleted as failed; {@code pool} labels what
 * this controller spawned.
 */
public record ScalingSettings(boolean enabled, int minWorkers, int maxWorkers, int scaleUpQueueThreshold, double scaleUpUtilizationThreshold,
                              double scaleDownUtilizationThreshold, Duration scaleDownDelay, Duration cooldownPeriod,
                              String spawner, Duration spawnTimeout, String pool, LocalSpawnerSettings local, KubernetesSpawnerSettings kubernetes) {
    public static final Set<String> SPAWNERS = Set.of("none", "local", "kubernetes");
    public static final ScalingSettings DEFAULTS = new ScalingSettings(true, 2, 50, 10, 80, 20, Duration.ofMinutes(5), Duration.ofMinutes(1),
            "none", Duration.ofMinutes(2), "default", LocalSpawnerSettings.DEFAULTS, KubernetesSpawnerSettings.DEFAULTS);

    public ScalingSettings {
        if (minWorkers < 0 || maxWorkers < minWorkers) throw new IllegalArgumentException("maxWorkers: must be >= minWorkers >= 0");
        if (spawner == null) spawner = "none";
        if (!SPAWNERS.contains(spawner)) throw new IllegalArgumentException("spawner: must be none, local or kubernetes, got '" + spawner + "'");
        if (spawnTimeout == null || spawnTimeout.isNegative() || spawnTimeout.isZero()) throw new IllegalArgumentException("spawnTimeout: must be a duration > 0");
        if (pool == null || !pool.matches("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?")) {
            throw new IllegalArgumentException("pool: lowercase letters, digits and '-', at most 32, got '" + pool + "'");
        }
        if (local == null) local = LocalSpawnerSettings.DEFAULTS;
        if (kubernetes == null) kubernetes = KubernetesSpawnerSettings.DEFAULTS;
    }

    /** The seed's eight keys, the rest at their defaults (spawner none). */
    public ScalingSettings(boolean enabled, int minWorkers, int maxWorkers, int scaleUpQueueThreshold, double scaleUpUtilizationThreshold,
                           double scaleDownUtilizationThreshold, Duration scaleDownDelay, Duration cooldownPeriod) {
        this(enabled, minWorkers, maxWorkers, scaleUpQueueThreshold, scaleUpUtilizationThreshold, scaleDownUtilizationThreshold, scaleDownDelay,
                cooldownPeriod, "none", Duration.ofMinutes(2), "default", LocalSpawnerSettings.DEFAULTS, KubernetesSpawnerSettings.DEFAULTS);
    }

    public ScalingSettings withSpawner(String kind) {
        return new ScalingSettings(enabled, minWorkers, maxWorkers, scaleUpQueueThreshold, scaleUpUtilizationThreshold, scaleDownUtilizationThreshold,
                scaleDownDelay, cooldownPeriod, kind, spawnTimeout, pool, local, kubernetes);
    }

    /** With {@code minWorkers} lowered by {@code n} workers started by other means (never below 0). */
    public ScalingSettings minus(int n) {
        return new ScalingSettings(enabled, Math.max(0, minWorkers - n), maxWorkers, scaleUpQueueThreshold, scaleUpUtilizationThreshold,
                scaleDownUtilizationThreshold, scaleDownDelay, cooldownPeriod, spawner, spawnTimeout, pool, local, kubernetes);
    }

    public ScalingSettings withLocal(LocalSpawnerSettings l) {
        return new ScalingSettings(enabled, minWorkers, maxWorkers, scaleUpQueueThreshold, scaleUpUtilizationThreshold, scaleDownUtilizationThreshold,
                scaleDownDelay, cooldownPeriod, spawner, spawnTimeout, pool, l, kubernetes);
    }

    public boolean spawns() { return !"none".equals(spawner); }
}
