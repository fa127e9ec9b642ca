package io.ado.controller.plane;

import java.time.Duration;

/**
 * {@code distributed.controller.security}: {@code joinTokenTtl} is how long a join token minted
 * without a TTL of its own (a spawned worker's, or {@code ado admin token create} without
 * {@code --ttl}) stays good for its one registration. {@code insecure}: listen on a non-loopback
 * address without an API token (refused otherwise; a warning at every start when set).
 */
public record SecuritySettings(Duration joinTokenTtl, boolean insecure) {
    public static final Duration MAX_TTL = Duration.ofDays(30);
    public static final SecuritySettings DEFAULTS = new SecuritySettings(Duration.ofHours(1), false);

    public SecuritySettings {
        checkTtl("joinTokenTtl", joinTokenTtl);
    }

    public SecuritySettings(Duration joinTokenTtl) { this(joinTokenTtl, false); }

    public SecuritySettings withInsecure(boolean on) { return new SecuritySettings(joinTokenTtl, on); }

    /** A join token's TTL: 1 s to 30 days. */
    public static void checkTtl(String name, Duration ttl) {
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException(name + ": must be 1s to 30 days");
        }
    }
}
