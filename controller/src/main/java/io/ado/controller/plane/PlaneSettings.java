package io.ado.controller.plane;

import io.ado.controller.balancer.BalancerSettings;
import io.ado.controller.health.HealthSettings;
import io.ado.controller.registry.RegistrySettings;
import io.ado.controller.scaling.ScalingSettings;
import java.time.Duration;

/** What the control plane needs of the controller's settings; built by {@code ControllerSettings.plane()}. */
public record PlaneSettings(int defaultRetries, RegistrySettings registry, HealthSettings health, BalancerSettings balancer,
                            ScalingSettings scaling, SecuritySettings security) {
    public static final PlaneSettings DEFAULTS = new PlaneSettings(3, RegistrySettings.DEFAULTS, HealthSettings.DEFAULTS, BalancerSettings.DEFAULTS,
            ScalingSettings.DEFAULTS, SecuritySettings.DEFAULTS);

    /**
     * How often the plane runs its rounds (health, rebalance, cleanup, scaling): a quarter of the
     * shorter of the heartbeat interval and the reconnect window, between 10 ms and 1 s, so a
     * threshold is seen well inside the time it measures.
     */
    public Duration tickInterval() {
        long ms = Math.min(health.heartbeatInterval().toMillis(), health.reconnectWindow().toMillis()) / 4;
        return Duration.ofMillis(Math.clamp(ms, 10, 1000));
    }
}
