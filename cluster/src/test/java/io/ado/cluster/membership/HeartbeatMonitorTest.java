package io.ado.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.cluster.NodeId;
import org.junit.jupiter.api.Test;

/** Replays scripted heartbeat times; no clock, no threads. */
class HeartbeatMonitorTest {
    private static final NodeId SELF = NodeId.parse("self@h:1");
    private static final NodeId P = NodeId.parse("p@h:2");
    private static final NodeId Q = NodeId.parse("q@h:3");
    private final HeartbeatMonitor monitor = new HeartbeatMonitor(5000, 3);

    @Test
    void downAfterThresholdMissedIntervals() {
        Membership m = Membership.of(SELF).up(P, 0).heartbeat(P, 5000, 1, 1).heartbeat(P, 10000, 1, 1);
        assertThat(monitor.expired(m, 20000)).isEmpty();
        assertThat(monitor.missed(m.get(P).orElseThrow(), 24999)).isEqualTo(2);
        assertThat(monitor.expired(m, 24999)).isEmpty();
        assertThat(monitor.expired(m, 25000)).containsExactly(P);
    }

    @Test
    void aHeartbeatResetsTheCount() {
        Membership m = Membership.of(SELF).up(P, 0).up(Q, 0);
        m = m.heartbeat(P, 14000, 1, 1);
        assertThat(monitor.expired(m, 15000)).containsExactly(Q);
        assertThat(monitor.expired(m, 29000)).containsExactly(P, Q);
    }

    @Test
    void disconnectedPeersAreNotReportedAgain() {
        Membership m = Membership.of(SELF).up(P, 0).disconnected(P, 100);
        assertThat(monitor.expired(m, 100000)).isEmpty();
    }

    @Test
    void checkPeriodIsAQuarterInterval() {
        assertThat(monitor.timeoutMs()).isEqualTo(15000);
        assertThat(monitor.checkPeriodMs()).isEqualTo(1250);
        assertThat(new HeartbeatMonitor(8, 3).checkPeriodMs()).isEqualTo(5);
    }
}
