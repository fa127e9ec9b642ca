package io.ado.controller.registry;

import java.time.Duration;

/** Seed 000 {@code registry.*}: every {@code cleanupInterval}, forget workers offline for longer than {@code staleThreshold}. */
public record RegistrySettings(Duration cleanupInterval, Duration staleThreshold) {
    public static final RegistrySettings DEFAULTS = new RegistrySettings(Duration.ofMinutes(1), Duration.ofMinutes(5));

    public RegistrySettings {
        positive("cleanupInterval", cleanupInterval);
        positive("staleThreshold", staleThreshold);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + ": must be a positive duration");
    }
}
