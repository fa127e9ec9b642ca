package io.ado.worker;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with "equal jitter": half the step fixed, half random, so many workers do not reconnect in lockstep. */
public record Backoff(Duration min, Duration max) {
    public Duration delay(int failures, RandomGenerator random) {
        long step = min.toMillis() << Math.min(failures, 20);
        long capped = Math.min(max.toMillis(), Math.max(min.toMillis(), step));
        return Duration.ofMillis(capped / 2 + random.nextLong(capped / 2 + 1));
    }
}
