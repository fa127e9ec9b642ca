package io.ado.controller.plane;

import java.time.Duration;

/**
 * {@code distributed.controller.security}: {@code joinTokenTtl} is how long a join token minted
 * without a TTL of its own (a spawned worker's, or {@code ado admin token create} without
 * {@code --ttl}) stays good for its one registration.
 */
public record SecuritySettings(Duration joinTokenTtl) {
    public static final Duration MAX_TTL = Duration.ofDays(30);
    public static final SecuritySettings DEFAULTS = new SecuritySettings(Duration.ofHours(1));

    public SecuritySettings {
        checkTtl("joinTokenTtl", joinTokenTtl);
    }

    /** A join token's TTL: 1 s to 30 days. */
    public static void checkTtl(String name, Duration ttl) {
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(name + ": must be 1s to 30 days");
        }
    }
}
