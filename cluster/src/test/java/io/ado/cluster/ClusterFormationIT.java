package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.membership.NodeStatus;
import io.ado.runtime.Behavior;
import io.ado.runtime.From;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.Result;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ClusterFormationIT {

    @Test
    void fiveNodesJoinThroughOneSeedAndReachFullMesh() {
        try (TestNodes t = new TestNodes()) {
            ClusterNode seed = t.start(TestNodes.config("seed").clusterSecret("s3cret"));
            List<ClusterNode> all = new ArrayList<>(List.of(seed));
            for (int i = 1; i <= 4; i++) {
                all.add(t.start(TestNodes.config("worker" + i).clusterSecret("s3cret").seeds(seed.getLocalNodeId().toString())));
            }
            TestNodes.awaitFullMesh(all, Duration.ofSeconds(10));

            assertThat(seed.getStatus()).isEqualTo(ClusterStatus.RUNNING);
            assertThat(seed.getLocalNodeId().host()).isEqualTo("127.0.0.1");
            assertThat(seed.getLocalNodeId().port()).isPositive();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                for (NodeInfo info : all.get(2).getConnectedNodes()) {
                    assertThat(info.status()).isEqualTo(NodeStatus.CONNECTED);
                    assertThat(info.lastHeartbeatAt()).isPositive();
                    assertThat(info.uptimeMs()).isPositive();
                }
            });
            await().atMost(Duration.ofSeconds(2)).until(() -> t.ups.size() >= 5 * 4); // events arrive on their own thread
            assertThat(t.downs).as("nobody went down while joining").isEmpty();
            assertThat(t.ups).hasSize(5 * 4);
            assertThat(seed.getUptimeMs()).isPositive();
        }
    }

    @Test
    void processCountTravelsInHeartbeats() throws Exception {
        try (TestNodes t = new TestNodes()) {
            ClusterNode a = t.start(TestNodes.config("a"));
            ClusterNode b = t.start(TestNodes.config("b").seeds(a.getLocalNodeId().toString()));
            TestNodes.awaitFullMesh(List.of(a, b), Duration.ofSeconds(5));
            for (int i = 0; i < 3; i++) a.runtime().start(new Echo(), null);
            await().atMost(Duration.ofSeconds(5)).until(() -> b.getConnectedNodes().getFirst().processCount() == 3);
        }
    }

    @Test
    void statusChangesAreStartingRunningStoppingStopped() {
        List<ClusterStatus> seen = new CopyOnWriteArrayList<>();
        ClusterNode n = ClusterNode.builder(TestNodes.config("solo").build()).build();
        n.onStatusChange(seen::add);
        assertThat(n.getStatus()).isEqualTo(ClusterStatus.STOPPED);
        n.start();
        assertThat(n.getStatus()).isEqualTo(ClusterStatus.RUNNING);
        n.stop();
        n.stop(); // idempotent
        assertThat(n.getStatus()).isEqualTo(ClusterStatus.STOPPED);
        await().atMost(Duration.ofSeconds(2)).until(() -> seen.size() == 4);
        assertThat(seen).containsExactly(ClusterStatus.STARTING, ClusterStatus.RUNNING, ClusterStatus.STOPPING, ClusterStatus.STOPPED);
    }

    /** A Kubernetes headless service: one DNS name, one address per pod, the same port on each. */
    @Test
    void dnsSeedThatResolvesToSeveralAddressesJoinsThemAll() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            port = probe.getLocalPort();
        }
        try (TestNodes t = new TestNodes()) {
            List<ClusterNode> pods = new ArrayList<>();
            for (String ip : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
                pods.add(t.start(TestNodes.config("pod-" + ip.substring(8)).host(ip).port(port)));
            }
            Map<String, List<String>> dns = Map.of("ado-headless.default.svc.cluster.local", List.of("127.0.0.2", "127.0.0.3", "127.0.0.4"));
            ClusterNode joiner = t.start(TestNodes.config("joiner").seeds("ado-headless.default.svc.cluster.local:" + port),
                    c -> ClusterNode.builder(c).seedResolver(host -> dns.getOrDefault(host, List.of())));
            List<ClusterNode> all = new ArrayList<>(pods);
            all.add(joiner);
            TestNodes.awaitFullMesh(all, Duration.ofSeconds(10));
            assertThat(TestNodes.connected(joiner)).containsExactlyInAnyOrderElementsOf(TestNodes.ids(pods));
        }
    }

    @Test
    void aSeedThatIsNotUpYetIsRetriedWithBackoffUntilItIs() throws Exception {
        int seedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            seedPort = probe.getLocalPort();
        }
        NodeId seedId = new NodeId("seed", "127.0.0.1", seedPort);
        try (TestNodes t = new TestNodes()) {
            ClusterNode early = t.start(TestNodes.config("early").seeds(seedId.toString()));
            await().atMost(Duration.ofSeconds(5)).until(() -> early.membership().get(seedId).orElseThrow().attempts() >= 2);
            assertThat(early.getConnectedNodes()).isEmpty();
            ClusterNode seed = t.start(TestNodes.config("seed").port(seedPort));
            TestNodes.awaitFullMesh(List.of(early, seed), Duration.ofSeconds(5));
            assertThat(t.downs).isEmpty();
        }
    }

    @Test
    void startFailsClearlyWhenThePortIsTakenOrTheRuntimeHasAnotherName() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClusterNode n = ClusterNode.builder(TestNodes.config("late").port(taken.getLocalPort()).build()).build();
            assertThatThrownBy(n::start)
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(n.getStatus()).isEqualTo(ClusterStatus.STOPPED);
        }
        ClusterNode wrong = ClusterNode.builder(TestNodes.config("x").build())
                .runtime(ProcessRuntime.create("someone-else@h:1")).build();
        assertThatThrownBy(wrong::start).hasMessageContaining("must be the node id");
    }

    /** A trivial process for counting and calls. */
    static final class Echo implements Behavior<Integer> {
        @Override public Integer init(Object args) { return 0; }

        @Override
        public Result<Integer> handleCall(Object msg, From from, Integer n) {
            return Result.reply(msg, n + 1);
        }
    }
}
