package io.ado.controller.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScalingPolicyTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    final ScalingPolicy policy = new ScalingPolicy(ScalingSettings.DEFAULTS); // min 2, max 50, queue 10, up 80, down 20, delay 5m, cooldown 1m

    ScalingPlan plan(int total, int idle, double util, int queue, Instant lowSince, Instant last) {
        return policy.plan(new ClusterMetrics(total, idle, util, queue, lowSince, last), NOW);
    }

    @Test
    void longQueueAddsOneWorkerPerThresholdWorth() {
        assertThat(plan(4, 0, 100, 25, null, null)).isEqualTo(new ScalingPlan.ScaleUp(3, "queue 25 > 10"));
        assertThat(plan(49, 0, 100, 25, null, null)).isInstanceOf(ScalingPlan.ScaleUp.class)
                .extracting(p -> ((ScalingPlan.ScaleUp) p).count()).isEqualTo(1);
        assertThat(plan(50, 0, 100, 25, null, null)).isInstanceOf(ScalingPlan.None.class);
    }

    @Test
    void highUtilizationOrNoIdleWorkerWithWorkWaitingScalesUp() {
        assertThat(plan(4, 1, 85, 0, null, null)).isInstanceOf(ScalingPlan.ScaleUp.class);
        assertThat(plan(4, 0, 50, 2, null, null).reason()).isEqualTo("no idle worker and 2 queued");
        assertThat(plan(4, 1, 50, 2, null, null)).isInstanceOf(ScalingPlan.None.class);
    }

    @Test
    void scaleDownNeedsLowUtilizationForTheWholeDelayAndAnEmptyQueue() {
        Instant sixMinutesAgo = NOW.minus(Duration.ofMinutes(6));
        assertThat(plan(4, 4, 10, 0, sixMinutesAgo, null)).isInstanceOf(ScalingPlan.ScaleDown.class);
        assertThat(plan(4, 4, 10, 0, NOW.minus(Duration.ofMinutes(4)), null)).isInstanceOf(ScalingPlan.None.class);
        assertThat(plan(2, 2, 10, 0, sixMinutesAgo, null)).isInstanceOf(ScalingPlan.None.class); // at minWorkers
        assertThat(plan(1, 1, 10, 0, sixMinutesAgo, null)).isEqualTo(new ScalingPlan.ScaleUp(1, "below minWorkers 2"));
    }

    @Test
    void cooldownAndDisabledHoldEverything() {
        assertThat(plan(4, 0, 100, 25, null, NOW.minusSeconds(30))).isInstanceOf(ScalingPlan.None.class);
        assertThat(plan(4, 0, 100, 25, null, NOW.minusSeconds(61))).isInstanceOf(ScalingPlan.ScaleUp.class);
        var off = new ScalingSettings(false, 2, 50, 10, 80, 20, Duration.ofMinutes(5), Duration.ofMinutes(1));
        assertThat(new ScalingPolicy(off).plan(new ClusterMetrics(4, 0, 100, 25, null, null), NOW).reason()).isEqualTo("scaling disabled");
    }

    @Test
    void evaluationsMoveTheLowUtilizationClockAndDecideWithIt() {
        ScalingState first = policy.evaluate(ScalingState.INITIAL, 4, 4, 10, 0, NOW);
        assertThat(first.lowUtilizationSince()).isEqualTo(NOW);
        assertThat(first.lastDecision()).isInstanceOf(ScalingPlan.None.class);
        ScalingState later = policy.evaluate(first, 4, 4, 10, 0, NOW.plus(Duration.ofMinutes(5)));
        assertThat(later.lowUtilizationSince()).isEqualTo(NOW); // kept, not restarted
        assertThat(later.lastDecision()).isEqualTo(new ScalingPlan.ScaleDown(2, "utilization 10.0% < 20.0% for 300s")); // every idle worker above minWorkers 2
        assertThat(policy.evaluate(later, 4, 0, 50, 0, NOW.plus(Duration.ofMinutes(6))).lowUtilizationSince()).isNull();
    }
}
