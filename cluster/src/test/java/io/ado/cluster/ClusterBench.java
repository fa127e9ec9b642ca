package io.ado.cluster;

import io.ado.runtime.ProcessRef;
import io.ado.runtime.StartOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code bench/run cluster} suite: nodes in one JVM on 127.0.0.1 over TCP with HMAC on.
 * Prints only {@code BENCH <name> <value> <unit>} lines on stdout.
 */
public final class ClusterBench {
    private static final Duration T = Duration.ofSeconds(10);
    private static final String SECRET = "bench-secret";

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
        try (TestNodes t = new TestNodes()) {
            ClusterNode a = t.start(config("a"), c -> ClusterNode.builder(c).messageTypes(Counter.types()));
            ClusterNode b = t.start(config("b").seeds(a.getLocalNodeId().toString()), c -> ClusterNode.builder(c).messageTypes(Counter.types()));
            TestNodes.awaitFullMesh(List.of(a, b), T);
            ProcessRef counter = b.runtime().start(new Counter(), null, StartOptions.named("counter"));
            Counter.Add one = new Counter.Add(1);
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
            int before = (Integer) a.call(counter, new Counter.Get(), T);
            long t0 = System.nanoTime();
            for (int i = 0; i < casts; i++) a.cast(counter, one);
            int after = (Integer) a.call(counter, new Counter.Get(), Duration.ofSeconds(60)); // same link, so it queues behind the casts
            double secs = (System.nanoTime() - t0) / 1e9;
            if (after - before != casts) throw new IllegalStateException("lost casts: " + (casts - (after - before)));
            bench("cluster.remote_cast_throughput_tcp_hmac", Math.round(casts / secs), "msgs/s");
        }
    }

    private static void formation() {
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            try (TestNodes t = new TestNodes()) {
                long t0 = System.nanoTime();
                ClusterNode seed = t.start(config("seed"));
                List<ClusterNode> all = new ArrayList<>(List.of(seed));
                for (int i = 1; i <= 4; i++) all.add(t.start(config("w" + i).seeds(seed.getLocalNodeId().toString())));
                TestNodes.awaitFullMesh(all, T);
                times.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        bench("cluster.full_mesh_formation_5_nodes_median", median(times), "ms");
    }

    private static void detection() throws InterruptedException {
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            try (TestNodes t = new TestNodes()) {
                ClusterNode seed = t.start(config("seed"));
                List<ClusterNode> all = new ArrayList<>(List.of(seed));
                for (int i = 1; i <= 3; i++) all.add(t.start(config("w" + i).seeds(seed.getLocalNodeId().toString())));
                TestNodes.awaitFullMesh(all, T);
                ClusterNode victim = all.get(3);
                CountDownLatch seen = new CountDownLatch(3);
                for (ClusterNode n : all.subList(0, 3)) n.onNodeDown((id, reason) -> {
                    if (id.equals(victim.getLocalNodeId()) && reason == NodeDownReason.HEARTBEAT_TIMEOUT) seen.countDown();
                });
                long t0 = System.nanoTime();
                victim.freezeForTest();
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
}
