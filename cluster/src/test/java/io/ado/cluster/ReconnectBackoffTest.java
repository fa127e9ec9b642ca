package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.runtime.Backoff;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Seed 003's reconnect schedule as a node gets it from its config: base, cap, equal jitter. */
class ReconnectBackoffTest {
    private final Backoff backoff = ClusterConfig.builder("n").reconnectBaseDelayMs(1000).reconnectMaxDelayMs(30000).build().reconnectBackoff();

    @Test
    void delaysDoubleUntilTheCap() {
        RandomGenerator top = new FixedRandom(0.999999);
        long[] delays = new long[8];
        for (int i = 0; i < delays.length; i++) delays[i] = backoff.delay(i, top).toMillis();
        assertThat(delays).containsExactly(999, 1999, 3999, 7999, 15999, 29999, 29999, 29999);
    }

    @Test
    void jitterStaysWithinHalfToFullCeiling() {
        assertThat(backoff.delay(0, new FixedRandom(0.0)).toMillis()).isEqualTo(500);
        assertThat(backoff.delay(3, new FixedRandom(0.5)).toMillis()).isEqualTo(6000);
        RandomGenerator r = new SplittableRandom(42);
        for (int attempt = 0; attempt < 100; attempt++) {
            long d = backoff.delay(attempt, r).toMillis();
            long ceiling = backoff.ceiling(attempt).toMillis();
            assertThat(d).isBetween(ceiling / 2, ceiling).isLessThanOrEqualTo(30000);
        }
    }

    @Test
    void hugeAttemptCountsDoNotOverflow() {
        assertThat(backoff.ceiling(Integer.MAX_VALUE).toMillis()).isEqualTo(30000);
        assertThat(Backoff.ofMillis(Long.MAX_VALUE / 4, Long.MAX_VALUE).ceiling(10).toMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(backoff.ceiling(-3).toMillis()).isEqualTo(1000);
    }

    @Test
    void rejectsInconsistentBounds() {
        assertThatThrownBy(() -> Backoff.ofMillis(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.ofMillis(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterConfig.builder("n").reconnectBaseDelayMs(10).reconnectMaxDelayMs(5).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
