package io.ado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = Backoff.ofMillis(1000, 30000);

    /** Always draws the same double, to pin the jitter to one end of its range. */
    record FixedRandom(double value) implements RandomGenerator {
        @Override public long nextLong() { return (long) (value * Long.MAX_VALUE); }

        @Override public double nextDouble() { return value; }
    }

    @Test
    void delaysDoubleUntilTheCap() {
        RandomGenerator top = new FixedRandom(0.999999);
        long[] delays = IntStream.range(0, 8).mapToLong(i -> backoff.delay(i, top).toMillis()).toArray();
        assertThat(delays).containsExactly(999, 1999, 3999, 7999, 15999, 29999, 29999, 29999);
    }

    @Test
    void jitterStaysWithinHalfToFullCeiling() {
        assertThat(backoff.delay(0, new FixedRandom(0.0))).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(3, new FixedRandom(0.5))).isEqualTo(Duration.ofMillis(6000));
        RandomGenerator r = new SplittableRandom(42);
        for (int attempt = 0; attempt < 100; attempt++) {
            long d = backoff.delay(attempt, r).toMillis();
            long ceiling = backoff.ceiling(attempt).toMillis();
            assertThat(d).isBetween(ceiling / 2, ceiling).isLessThanOrEqualTo(30000);
        }
    }

    @Test
    void smallStepsAreJitteredNotLockstep() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 200; i++) {
            assertThat(b.delay(0, r).toMillis()).isBetween(50L, 100L);
            assertThat(b.delay(3, r).toMillis()).isBetween(400L, 800L);
            assertThat(b.delay(30, r).toMillis()).isBetween(1000L, 2000L);
        }
        long distinct = IntStream.range(0, 50).mapToLong(i -> b.delay(5, r).toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void hugeAttemptCountsDoNotOverflow() {
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(30000));
        assertThat(Backoff.ofMillis(Long.MAX_VALUE / 4, Long.MAX_VALUE).ceiling(10)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
        assertThat(backoff.ceiling(-3)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void rejectsInconsistentBounds() {
        assertThatThrownBy(() -> Backoff.ofMillis(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.ofMillis(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
