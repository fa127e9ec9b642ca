package io.ado.controller.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.controller.registry.WorkerEntry;
import io.ado.protocol.WorkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class HealthPolicyTest {
    private final HealthPolicy policy = new HealthPolicy(new HealthSettings(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(2), 90, 85));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static WorkerEntry w(WorkerStatus s, long lastHeartbeat, long since) {
        return new WorkerEntry("w", "h", List.of("shell"), 1, 1, "api", null, 1, s, 0, lastHeartbeat, since, Set.of(), 0, 0, 0, 0);
    }

    private List<HealthAction> at(WorkerEntry e, long plusMs) { return policy.check(List.of(e), T0.plusMillis(plusMs)); }

    @Test
    void heartbeatTimeoutMarksUnhealthyOnlyPastTheThreshold() {
        WorkerEntry e = w(WorkerStatus.BUSY, T0.toEpochMilli(), 0);
        assertThat(at(e, 30_000)).isEmpty();
        assertThat(at(e, 30_001)).containsExactly(new HealthAction.MarkUnhealthy("w", "heartbeat_timeout"));
    }

    @Test
    void unhealthyIsUnregisteredAfterTheGracePeriod() {
        WorkerEntry e = w(WorkerStatus.UNHEALTHY, 0, T0.toEpochMilli());
        assertThat(at(e, 59_999)).isEmpty();
        assertThat(at(e, 60_000)).containsExactly(new HealthAction.Unregister("w", "heartbeat_timeout"));
    }

    @Test
    void droppedConnectionGetsTheReconnectWindow() {
        WorkerEntry e = w(WorkerStatus.DISCONNECTED, 0, T0.toEpochMilli());
        assertThat(at(e, 1_999)).isEmpty();
        assertThat(at(e, 2_000)).containsExactly(new HealthAction.Unregister("w", "connection_lost"));
    }

    @Test
    void highCpuAndMemoryAreAnomaliesOnlyAboveTheirThresholds() { // the events they raise: ReconcilerTest
        assertThat(policy.highCpu(90)).isFalse();
        assertThat(policy.highMemory(85)).isFalse();
        assertThat(policy.highCpu(90.5)).isTrue();
        assertThat(policy.highMemory(85.5)).isTrue();
    }

    @Test
    void settingsRejectATimeoutShorterThanTheInterval() {
        Assertions.assertThatThrownBy(() -> new HealthSettings(Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 90, 85)).hasMessageStartingWith("timeoutThreshold:");
    }
}
