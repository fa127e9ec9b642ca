package io.ado.bench.cluster;

import io.ado.cluster.ClusterConfig;
import io.ado.cluster.ClusterNode;
import io.ado.cluster.NodeDownReason;
import io.ado.cluster.NodeId;
import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.remote.MessageTypes;
import io.ado.cluster.transport.TcpTransport;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.StartOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code bench/run cluster} suite: nodes in one JVM on 127.0.0.1 over TCP with HMAC on.
 * Prints only {@code BENCH <name> <value> <unit>} lines on stdout.
 */
public final class ClusterBench {
    private static final Duration T = Duration.ofSeconds(10);
    private static final String SECRET = "bench-secret";

    private ClusterBench() {}

    public static void main(String[] args) throws Exception {
        callAndCast();
        formation();
        detection();
        System.exit(0);
    }

    private static ClusterConfig.Builder config(String name) {
        return ClusterConfig.builder(name).host("127.0.0.1").port(0).clusterSecret(SECRET)
                .heartbeatIntervalMs(100).heartbeatMissThreshold(3).reconnectBaseDelayMs(20).reconnectMaxDelayMs(300);
    }

    private static void callAndCast() {
        try (Nodes t = new Nodes()) {
            ClusterNode a = t.start(config("a"), BenchCounter.types());
            ClusterNode b = t.start(config("b").seeds(a.getLocalNodeId().toString()), BenchCounter.types());
            t.awaitFullMesh();
            ProcessRef counter = b.runtime().start(new BenchCounter(), null, StartOptions.named("counter"));
            BenchCounter.Add one = new BenchCounter.Add(1);
            for (int i = 0; i < 20_000; i++) a.call(counter, one, T); // warm-up: JIT, buffers
            int n = 20_000;
            long[] us = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                a.call(counter, one, T);
                us[i] = (System.nanoTime() - t0) / 1_000;
            }
            Arrays.sort(us);
            bench("cluster.remote_call_rtt_median_tcp_hmac", us[n / 2], "us");
            bench("cluster.remote_call_rtt_p99_tcp_hmac", us[(int) (n * 0.99)], "us");

            int casts = 200_000;
            int before = (Integer) a.call(counter, new BenchCounter.Get(), T);
            long t0 = System.nanoTime();
            for (int i = 0; i < casts; i++) a.cast(counter, one);
            int after = (Integer) a.call(counter, new BenchCounter.Get(), Duration.ofSeconds(60)); // same link, so it queues behind the casts
            double secs = (System.nanoTime() - t0) / 1e9;
            if (after - before != casts) throw new IllegalStateException("lost casts: " + (casts - (after - before)));
            bench("cluster.remote_cast_throughput_tcp_hmac", Math.round(casts / secs), "msgs/s");
        }
    }

    private static void formation() {
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            try (Nodes t = new Nodes()) {
                long t0 = System.nanoTime();
                ClusterNode seed = t.start(config("seed"), new MessageTypes());
                for (int i = 1; i <= 4; i++) t.start(config("w" + i).seeds(seed.getLocalNodeId().toString()), new MessageTypes());
                t.awaitFullMesh();
                times.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        bench("cluster.full_mesh_formation_5_nodes_median", median(times), "ms");
    }

    private static void detection() throws InterruptedException {
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            try (Nodes t = new Nodes()) {
                ClusterNode seed = t.start(config("seed"), new MessageTypes());
                List<ClusterNode> all = new ArrayList<>(List.of(seed));
                for (int i = 1; i <= 3; i++) all.add(t.start(config("w" + i).seeds(seed.getLocalNodeId().toString()), new MessageTypes()));
                t.awaitFullMesh();
                ClusterNode victim = all.get(3);
                CountDownLatch seen = new CountDownLatch(3);
                for (ClusterNode n : all.subList(0, 3)) n.onNodeDown((id, reason) -> {
                    if (id.equals(victim.getLocalNodeId()) && reason == NodeDownReason.HEARTBEAT_TIMEOUT) seen.countDown();
                });
                long t0 = System.nanoTime();
                t.freeze(victim);
                if (!seen.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("frozen node not detected");
                times.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        bench("cluster.heartbeat_timeout_detection_100msx3_median", median(times), "ms");
        bench("cluster.heartbeat_timeout_detection_100msx3_max", times.stream().mapToLong(Long::longValue).max().orElseThrow(), "ms");
    }

    private static long median(List<Long> xs) {
        List<Long> s = xs.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    private static void bench(String name, long value, String unit) { System.out.println("BENCH " + name + " " + value + " " + unit); }

    /** The nodes of one round, each on a freezable TCP transport; closing stops them all. */
    private static final class Nodes implements AutoCloseable {
        private final Map<ClusterNode, FreezableTransport> nodes = new HashMap<>();

        ClusterNode start(ClusterConfig.Builder config, MessageTypes types) {
            ClusterConfig c = config.build();
            FreezableTransport transport = new FreezableTransport(new TcpTransport(c));
            ClusterNode n = ClusterNode.builder(c).transport(transport).messageTypes(types).start();
            nodes.put(n, transport);
            return n;
        }

        void freeze(ClusterNode n) { nodes.get(n).freeze(); }

        /** Waits until every node is connected to all the others. */
        void awaitFullMesh() {
            long deadline = System.nanoTime() + T.toNanos();
            while (!fullMesh()) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("no full mesh within " + T);
                LockSupport.parkNanos(5_000_000);
            }
        }

        private boolean fullMesh() {
            for (ClusterNode n : nodes.keySet()) {
                List<NodeId> seen = n.getConnectedNodes().stream().map(NodeInfo::id).toList();
                if (seen.size() != nodes.size() - 1) return false;
            }
            return true;
        }

        @Override public void close() { nodes.keySet().forEach(ClusterNode::stop); }
    }
}
