package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureDetectionIT {
    private static final long INTERVAL = TestNodes.HEARTBEAT_MS;
    private static final long TIMEOUT = INTERVAL * TestNodes.MISS_THRESHOLD;

    private static List<ClusterNode> mesh(TestNodes t, int n, String secret) {
        ClusterNode seed = t.start(TestNodes.config("n0").clusterSecret(secret));
        List<ClusterNode> all = new ArrayList<>(List.of(seed));
        for (int i = 1; i < n; i++) all.add(t.start(TestNodes.config("n" + i).clusterSecret(secret).seeds(seed.getLocalNodeId().toString())));
        TestNodes.awaitFullMesh(all, Duration.ofSeconds(10));
        return all;
    }

    /** A hung node keeps its sockets open: only the miss threshold can find it. */
    @Test
    void aFrozenNodeIsDownWithHeartbeatTimeoutEverywhereWithinIntervalTimesThresholdPlusOne() {
        try (TestNodes t = new TestNodes()) {
            List<ClusterNode> all = mesh(t, 4, "s3cret");
            ClusterNode victim = all.get(2);
            NodeId id = victim.getLocalNodeId();
            long frozenAt = System.nanoTime();
            t.freeze(victim);
            await().atMost(Duration.ofSeconds(5)).until(() -> t.downsOf(id).size() == 3);
            for (TestNodes.DownEvent d : t.downsOf(id)) {
                assertThat(d.reason()).isEqualTo(NodeDownReason.HEARTBEAT_TIMEOUT);
                long ms = (d.atNanos() - frozenAt) / 1_000_000;
                assertThat(ms).as("detection time at %s", d.observer()).isLessThanOrEqualTo(TIMEOUT + INTERVAL)
                        .isGreaterThanOrEqualTo(TIMEOUT - INTERVAL);
            }
            assertThat(t.downsOf(id)).extracting(TestNodes.DownEvent::observer).doesNotHaveDuplicates().doesNotContain(id);
        }
    }

    @Test
    void aCrashedNodeIsDownWithConnectionClosedEverywhereBeforeTheTimeout() {
        try (TestNodes t = new TestNodes()) {
            List<ClusterNode> all = mesh(t, 4, null);
            ClusterNode victim = all.get(1);
            NodeId id = victim.getLocalNodeId();
            long crashedAt = System.nanoTime();
            t.crash(victim);
            await().atMost(Duration.ofSeconds(5)).until(() -> t.downsOf(id).size() == 3);
            for (TestNodes.DownEvent d : t.downsOf(id)) {
                assertThat(d.reason()).isEqualTo(NodeDownReason.CONNECTION_CLOSED);
                assertThat((d.atNanos() - crashedAt) / 1_000_000).isLessThan(TIMEOUT);
            }
        }
    }

    @Test
    void aGracefulStopIsReportedAtOnceAndNotRedialed() {
        try (TestNodes t = new TestNodes()) {
            List<ClusterNode> all = mesh(t, 3, "s3cret");
            ClusterNode leaving = all.get(0); // even the seed may leave
            NodeId id = leaving.getLocalNodeId();
            long stoppedAt = System.nanoTime();
            leaving.stop();
            await().atMost(Duration.ofSeconds(2)).until(() -> t.downsOf(id).size() == 2);
            for (TestNodes.DownEvent d : t.downsOf(id)) {
                assertThat(d.reason()).isEqualTo(NodeDownReason.GRACEFUL_SHUTDOWN);
                assertThat((d.atNanos() - stoppedAt) / 1_000_000).isLessThan(INTERVAL);
            }
            for (ClusterNode n : all.subList(1, 3)) {
                assertThat(n.membership().hasLeft(id)).isTrue();
                assertThat(TestNodes.connected(n)).doesNotContain(id).hasSize(1);
            }
            assertThat(leaving.getStatus()).isEqualTo(ClusterStatus.STOPPED);
            assertThat(leaving.getConnectedNodes()).isEmpty();
        }
    }

    /** Same id (name, host, port) back after a crash: the others' redial loop finds it. */
    @Test
    void aNodeThatComesBackIsUpAgain() {
        try (TestNodes t = new TestNodes()) {
            List<ClusterNode> all = mesh(t, 3, "s3cret");
            NodeId id = all.get(2).getLocalNodeId();
            t.crash(all.get(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> t.downsOf(id).size() == 2);
            int upsBefore = (int) t.ups.stream().filter(id::equals).count();
            ClusterNode back = t.start(TestNodes.config(id.name()).clusterSecret("s3cret").port(id.port())); // no seeds: found by redials
            assertThat(back.getLocalNodeId()).isEqualTo(id);
            TestNodes.awaitFullMesh(List.of(all.get(0), all.get(1), back), Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->  // events arrive on their own thread
                    assertThat(t.ups.stream().filter(id::equals).count()).isEqualTo(upsBefore + 2));
        }
    }
}
