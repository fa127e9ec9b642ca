package io.ado.controller.plane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Task ids: a burst of submits in one millisecond must never get the same id (a duplicate would roll back a whole batch). */
class TaskIdsTest {
    @Test
    void idsOfOneMillisecondNeverRepeatEvenWhenTheRandomPartDoes() {
        PrimitiveIterator.OfLong values = LongStream.of(10, 10, 12, 10, 14).iterator();
        RandomGenerator repeating = values::nextLong; // the random part comes out 5, 5, 6, 5, 7
        TaskIds gen = new TaskIds(repeating);
        String a = gen.next(1_000), b = gen.next(1_000), c = gen.next(1_000);
        assertThat(Set.of(a, b, c)).hasSize(3);
        assertThat(a).matches("t-rs-[0-9a-z]{6}");
    }

    @Test
    void aLargeBurstInOneMillisecondIsAllDistinct() {
        TaskIds gen = new TaskIds(new SplittableRandom(7));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200_000; i++) ids.add(gen.next(42));
        assertThat(ids).hasSize(200_000);
    }
}
