package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.transport.TcpTransport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Joins under stress, 20 rounds: (even) 10 nodes started at once, each listing all others as
 * seeds, so every pair dials each other at the same moment; (odd) 9 nodes started before their
 * seed. Every round must reach a full mesh with exactly one link per pair and no node ever
 * reported down: the tie-break never drops and redials.
 *
 * <p>Heartbeats every 250 ms with a miss threshold of 10: in the first round, 90 handshakes
 * during JVM warm-up on two busy cores take up to ~0.5 s each, and a loaded CI machine has
 * stalled a node for over a second; this test is about joins, not detection (that is
 * {@link FailureDetectionIT}), so only a real drop-and-redial may count as a flap.
 */
class JoinStressIT {
    private static final int NODES = 10;
    private static final int ROUNDS = 20;

    private static ClusterConfig.Builder config(String name) { return TestNodes.config(name).clusterSecret("stress")
            .heartbeatIntervalMs(250).heartbeatMissThreshold(10); }

    @Test
    void tenNodesReachFullMeshTwentyTimesOverWithoutFlapping() throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 2 == 0) allAtOnceEachSeedingAllOthers(pool, round);
                else startedBeforeTheirSeed(pool, round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void allAtOnceEachSeedingAllOthers(ExecutorService pool, int round) throws Exception {
        List<ServerSocket> sockets = new ArrayList<>();
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            ServerSocket s = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
            sockets.add(s);
            ids.add(new NodeId("n" + i, "127.0.0.1", s.getLocalPort()));
        }
        try (TestNodes t = new TestNodes()) {
            List<TcpTransport> transports = new ArrayList<>();
            List<ClusterConfig.Builder> configs = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                List<String> seeds = ids.stream().filter(id -> !id.equals(ids.get(configs.size()))).map(NodeId::toString).toList();
                ClusterConfig.Builder c = config("n" + i).seeds(seeds);
                configs.add(c);
                transports.add(new TcpTransport(c.build(), sockets.get(i)));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ClusterNode>> started = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                int n = i;
                started.add(pool.submit(() -> {
                    go.await();
                    return t.start(configs.get(n), c -> ClusterNode.builder(c).transport(transports.get(n)));
                }));
            }
            go.countDown();
            List<ClusterNode> nodes = new ArrayList<>();
            for (Future<ClusterNode> f : started) nodes.add(f.get());
            check(t, nodes, transports, round);
        }
    }

    private void startedBeforeTheirSeed(ExecutorService pool, int round) throws Exception {
        int seedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            seedPort = probe.getLocalPort(); // free again: early dials are refused until the seed starts
        }
        NodeId seedId = new NodeId("seed", "127.0.0.1", seedPort);
        try (TestNodes t = new TestNodes()) {
            List<TcpTransport> transports = new ArrayList<>();
            List<Future<ClusterNode>> started = new ArrayList<>();
            for (int i = 1; i < NODES; i++) {
                ClusterConfig.Builder c = config("n" + i).seeds(seedId.toString());
                TcpTransport tr = new TcpTransport(c.build());
                transports.add(tr);
                started.add(pool.submit(() -> t.start(c, cfg -> ClusterNode.builder(cfg).transport(tr))));
            }
            List<ClusterNode> nodes = new ArrayList<>();
            for (Future<ClusterNode> f : started) nodes.add(f.get());
            await().atMost(Duration.ofSeconds(5)).until(() -> nodes.stream().allMatch(n ->
                    n.membership().get(seedId).map(m -> m.attempts() >= 1).orElse(false)));
            ClusterConfig.Builder sc = config("seed").port(seedPort);
            TcpTransport st = new TcpTransport(sc.build());
            transports.add(st);
            nodes.add(t.start(sc, cfg -> ClusterNode.builder(cfg).transport(st)));
            check(t, nodes, transports, round);
        }
    }

    private static void check(TestNodes t, List<ClusterNode> nodes, List<TcpTransport> transports, int round) {
        TestNodes.awaitFullMesh(nodes, Duration.ofSeconds(15));
        await("round " + round + ": one link per pair").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> transports.stream().allMatch(tr -> tr.stats().snapshot().openLinks() == NODES - 1));
        await("round " + round + ": up events delivered").atMost(Duration.ofSeconds(5)).until(() -> t.ups.size() >= NODES * (NODES - 1));
        assertThat(t.downs).as("round %d: nobody flapped", round).isEmpty();
        assertThat(t.ups).as("round %d: each node saw each peer up once", round).hasSize(NODES * (NODES - 1));
    }
}
