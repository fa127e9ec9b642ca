package io.ado.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private final ReconnectBackoff backoff = new ReconnectBackoff(1000, 30000);

    @Test
    void delaysDoubleUntilTheCap() {
        RandomGenerator top = new FixedRandom(0.999999);
        long[] delays = new long[8];
        for (int i = 0; i < delays.length; i++) delays[i] = backoff.delayMs(i, top);
        assertThat(delays).containsExactly(999, 1999, 3999, 7999, 15999, 29999, 29999, 29999);
    }

    @Test
    void jitterStaysWithinHalfToFullCeiling() {
        assertThat(backoff.delayMs(0, new FixedRandom(0.0))).isEqualTo(500);
        assertThat(backoff.delayMs(3, new FixedRandom(0.5))).isEqualTo(6000);
        RandomGenerator r = new SplittableRandom(42);
        for (int attempt = 0; attempt < 100; attempt++) {
            long d = backoff.delayMs(attempt, r);
            assertThat(d).isBetween(backoff.ceilingMs(attempt) / 2, backoff.ceilingMs(attempt)).isLessThanOrEqualTo(30000);
        }
    }

    @Test
    void hugeAttemptCountsDoNotOverflow() {
        assertThat(backoff.ceilingMs(Integer.MAX_VALUE)).isEqualTo(30000);
        assertThat(new ReconnectBackoff(Long.MAX_VALUE / 4, Long.MAX_VALUE).ceilingMs(10)).isEqualTo(Long.MAX_VALUE);
        assertThat(backoff.ceilingMs(-3)).isEqualTo(1000);
    }

    @Test
    void rejectsInconsistentBounds() {
        assertThatThrownBy(() -> new ReconnectBackoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
