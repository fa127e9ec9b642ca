package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.transport.InMemoryNetwork;
import io.ado.cluster.transport.InMemoryTransport;
import io.ado.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure detection reads the injected clock, not the wall: only advancing it makes a node late. */
class InjectedClockIT {

    @Test
    void aFrozenPeerIsDownOnlyWhenTheInjectedClockPassesTheThreshold() {
        ManualClock clock = new ManualClock(1_000_000);
        InMemoryNetwork net = new InMemoryNetwork();
        try (TestNodes t = new TestNodes()) {
            ClusterNode a = t.start(TestNodes.config("a").heartbeatIntervalMs(40),
                    c -> ClusterNode.builder(c).clock(clock).transport(new InMemoryTransport(net)));
            ClusterNode b = t.start(TestNodes.config("b").heartbeatIntervalMs(40).seeds(a.getLocalNodeId().toString()),
                    c -> ClusterNode.builder(c).clock(clock).transport(new InMemoryTransport(net)));
            TestNodes.awaitFullMesh(List.of(a, b), Duration.ofSeconds(5));
            assertThat(a.getConnectedNodes().getFirst().lastHeartbeatAt()).isEqualTo(1_000_000);
            t.freeze(b);

            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> t.downs.isEmpty()); // 10 real intervals
            clock.advance(Duration.ofMillis(200)); // 5 intervals of the injected clock, threshold is 3
            await().atMost(Duration.ofSeconds(2)).until(() -> !t.downsOf(b.getLocalNodeId()).isEmpty());
            assertThat(t.downsOf(b.getLocalNodeId()).getFirst().reason()).isEqualTo(NodeDownReason.HEARTBEAT_TIMEOUT);
            assertThat(a.getUptimeMs()).isEqualTo(200);
        }
    }
}
