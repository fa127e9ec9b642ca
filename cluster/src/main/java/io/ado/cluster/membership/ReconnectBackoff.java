package io.ado.cluster.membership;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt {@code n} (0-based) waits
 * {@code min(max, base * 2^n)} scaled into {@code [1/2, 1]} of itself by the random draw, so
 * nodes that lost the same peer do not all redial in lockstep, and no delay exceeds the cap.
 */
public record ReconnectBackoff(long baseDelayMs, long maxDelayMs) {

    public ReconnectBackoff {
        if (baseDelayMs <= 0 || maxDelayMs < baseDelayMs) {
            throw new IllegalArgumentException("need 0 < base <= max, got base=" + baseDelayMs + " max=" + maxDelayMs);
        }
    }

    /** The un-jittered ceiling for attempt {@code attempt}. */
    public long ceilingMs(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 32); // 2^32 * base overflows nothing and exceeds any sane cap
        long d = baseDelayMs << shift;
        return d <= 0 || d > maxDelayMs ? maxDelayMs : d;
    }

    /** Delay before attempt {@code attempt}, with "equal jitter" drawn from {@code random}. */
    public long delayMs(int attempt, RandomGenerator random) {
        long ceiling = ceilingMs(attempt);
        long half = ceiling / 2;
        return half + (long) (random.nextDouble() * (ceiling - half));
    }
}
