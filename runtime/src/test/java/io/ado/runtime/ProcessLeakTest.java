package io.ado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.runtime.TestBehaviors.*;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessLeakTest {
    @Test void hundredThousandShortLivedProcessesLeaveNothingBehind() {
        ProcessRuntime rt = ProcessRuntime.create("leak@local");
        int before = rt.processCount();
        for (int i = 0; i < 100_000; i++) {
            ProcessRef p = rt.start(new Cell(), i, i % 10 == 0 ? StartOptions.named("p" + i) : StartOptions.DEFAULT);
            switch (i % 3) {
                case 0 -> rt.stop(p);
                case 1 -> rt.kill(p);
                default -> rt.cast(p, new Crash("bye"));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> rt.processCount() == before);
        assertThat(rt.processes()).isEmpty();
        assertThat(rt.whereis("p0")).isEmpty();
        assertThat(rt.whereis("p99990")).isEmpty();
    }
}
