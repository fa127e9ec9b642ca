package io.ado.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void growsExponentiallyWithJitterAndIsCapped() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 200; i++) {
            assertThat(b.delay(0, r).toMillis()).isBetween(50L, 100L);
            assertThat(b.delay(3, r).toMillis()).isBetween(400L, 800L);
            assertThat(b.delay(30, r).toMillis()).isBetween(1000L, 2000L);
        }
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> b.delay(5, r).toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(10); // jittered, not lockstep
    }
}
