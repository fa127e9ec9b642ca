package io.ado.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.protocol.AttemptRef;
import io.ado.worker.engine.ContainerSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphanSweepTest {
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Duration GRACE = Duration.ofSeconds(10);

    static ContainerSummary c(String id, String task, String attempt, Duration age) {
        Map<String, String> labels = task == null ? Map.of("ado.worker", "w1") : Map.of("ado.worker", "w1", "ado.task", task, "ado.attempt", attempt);
        return new ContainerSummary(id, labels, NOW.minus(age), "running");
    }

    @Test
    void containersOfAttemptsNotHeldAndOlderThanTheGraceGo() {
        var plan = OrphanSweep.plan(List.of(c("held", "t1", "1", Duration.ofHours(1)), c("old", "t2", "1", Duration.ofMinutes(1)),
                c("rerun", "t1", "2", Duration.ofSeconds(11)), c("nolabel", null, null, Duration.ofMinutes(5)), c("junk", "t3", "x", Duration.ofMinutes(5))),
                Set.of(new AttemptRef("t1", 1)), NOW, GRACE);
        assertThat(plan.remove()).containsExactly("old", "rerun", "nolabel", "junk");
        assertThat(plan.recheckAt()).isNull();
    }

    @Test
    void aYoungOneIsSparedAndLookedAtAgainWhenItLeavesTheGrace() {
        var plan = OrphanSweep.plan(List.of(c("young", "t1", "1", Duration.ofSeconds(3)), c("younger", "t2", "1", Duration.ofSeconds(1)),
                c("old", "t3", "1", Duration.ofSeconds(10))), Set.of(), NOW, GRACE);
        assertThat(plan.remove()).containsExactly("old"); // exactly the grace old: it goes
        assertThat(plan.recheckAt()).isEqualTo(NOW.plusSeconds(7));
        assertThat(OrphanSweep.plan(List.of(), Set.of(), NOW, GRACE)).isEqualTo(new OrphanSweep.Plan(List.of(), null));
    }
}
