package io.ado.controller.plane;

import io.ado.controller.balancer.BalancerSettings;
import io.ado.controller.health.HealthSettings;
import io.ado.controller.registry.RegistrySettings;
import io.ado.controller.scaling.ScalingSettings;

/** What the control plane needs of the controller's settings; built by {@code ControllerSettings.plane()}. */
public record PlaneSettings(int defaultRetries, RegistrySettings registry, HealthSettings health, BalancerSettings balancer,
                            ScalingSettings scaling) {
    public static final PlaneSettings DEFAULTS = new PlaneSettings(3, RegistrySettings.DEFAULTS, HealthSettings.DEFAULTS, BalancerSettings.DEFAULTS,
            ScalingSettings.DEFAULTS);
}
