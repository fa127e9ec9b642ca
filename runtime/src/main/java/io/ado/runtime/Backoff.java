package io.ado.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter", the one used for every reconnect in ado (worker to
 * controller, cluster node to peer, CLI stream to controller): attempt {@code n} (0-based) waits
 * between half and all of {@code min(max, base * 2^n)}, so clients that lost the same server do
 * not all come back in lockstep, and no delay exceeds the cap. The random draw is injected.
 */
public record Backoff(Duration base, Duration max) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, got base=" + base.toMillis() + "ms max=" + max.toMillis() + "ms");
        }
    }

    public static Backoff ofMillis(long baseMs, long maxMs) { return new Backoff(Duration.ofMillis(baseMs), Duration.ofMillis(maxMs)); }

    /** The un-jittered ceiling for attempt {@code attempt}: {@code min(max, base * 2^attempt)}. */
    public Duration ceiling(int attempt) {
        long baseMs = base.toMillis(), maxMs = max.toMillis();
        int shift = Math.min(Math.max(attempt, 0), 62);
        boolean overflows = baseMs > (Long.MAX_VALUE >> shift);
        long d = overflows ? maxMs : baseMs << shift;
        return Duration.ofMillis(Math.min(Math.max(d, baseMs), maxMs));
    }

    /** The delay before attempt {@code attempt}: uniform in {@code [ceiling/2, ceiling)}. */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceiling = ceiling(attempt).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half)));
    }
}
