package io.ado.bench.dsup;

import io.ado.cluster.ClusterConfig;
import io.ado.cluster.ClusterNode;
import io.ado.cluster.NodeId;
import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.supervisor.DistributedChildInfo;
import io.ado.cluster.supervisor.DistributedChildSpec;
import io.ado.cluster.supervisor.DistributedSupervisor;
import io.ado.cluster.supervisor.DistributedSupervisorOptions;
import io.ado.cluster.supervisor.NodeSelector;
import io.ado.cluster.supervisor.NodeSelectorFn;
import io.ado.runtime.BehaviorRegistry;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Failover time of a DistributedSupervisor child: a worker node runs in its own JVM; it is
 * killed with SIGKILL (or frozen with SIGSTOP) and we time until the child, restarted on the
 * supervisor's node, answers a call. Real processes, real sockets on 127.0.0.1.
 */
public final class DsupBench {
    private static final Duration T = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long hbMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        int threshold = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ClusterNode sup = ClusterNode.builder(ClusterConfig.builder("sup").host("127.0.0.1").port(0)
                .heartbeatIntervalMs(hbMs).heartbeatMissThreshold(threshold).build()).start();
        BenchWorker.registerTypes(sup.messageTypes());
        BehaviorRegistry registry = new BehaviorRegistry();
        registry.register("bench-worker", BenchWorker::new);
        try {
            List<Double> killed = measure(sup, registry, runs, hbMs, threshold, "KILL");
            List<Double> hung = measure(sup, registry, Math.max(3, runs / 2), hbMs, threshold, "STOP");
            line("dsup_heartbeat_interval", hbMs, "ms");
            line("dsup_heartbeat_miss_threshold", threshold, "count");
            line("dsup_failover_kill9_median", median(killed), "ms");
            line("dsup_failover_kill9_max", killed.stream().mapToDouble(d -> d).max().orElse(0), "ms");
            line("dsup_failover_hung_median", median(hung), "ms");
        } finally {
            sup.stop();
        }
    }

    private static List<Double> measure(ClusterNode sup, BehaviorRegistry registry, int runs, long hbMs, int threshold, String signal)
            throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Process p = startNode("victim" + i, sup.getLocalNodeId(), hbMs, threshold);
            try {
                NodeId victim = awaitReady(p);
                long deadline = System.nanoTime() + T.toNanos();
                while (sup.getConnectedNodes().stream().map(NodeInfo::id).noneMatch(victim::equals)) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("victim never joined");
                    LockSupport.parkNanos(1_000_000);
                }
                NodeSelectorFn preferVictim = (nodes, id) -> nodes.stream().anyMatch(n -> n.id().equals(victim)) ? victim : sup.getLocalNodeId();
                DistributedSupervisor ds = DistributedSupervisor.start(sup, DistributedSupervisorOptions.builder()
                        .registry(registry).nodeSelector(NodeSelector.custom(preferVictim)).restartIntensity(100, 60_000)
                        .child(DistributedChildSpec.of("child", "bench-worker")).build());
                if (!ds.getChildren().getFirst().node().equals(victim)) throw new IllegalStateException("child not on victim");
                long t0 = System.nanoTime();
                signal(p, signal);
                awaitAnswerFrom(sup, ds, sup.getLocalNodeId());
                out.add((System.nanoTime() - t0) / 1e6);
                ds.stop();
            } finally {
                p.destroyForcibly().waitFor();
            }
        }
        return out;
    }

    private static void awaitAnswerFrom(ClusterNode sup, DistributedSupervisor ds, NodeId expected) {
        long deadline = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < deadline) {
            DistributedChildInfo c = ds.getChildren().getFirst();
            if (c.ref() != null && expected.equals(c.node())) {
                Object node = sup.call(c.ref(), new BenchWorker.Ping(), T);
                if (expected.toString().equals(node)) return;
            }
            LockSupport.parkNanos(50_000);
        }
        throw new IllegalStateException("child never answered from " + expected);
    }

    private static void signal(Process p, String signal) throws Exception {
        if (signal.equals("KILL")) {
            p.destroyForcibly(); // SIGKILL on Unix
        } else {
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
        }
    }

    private static Process startNode(String name, NodeId seed, long hbMs, int threshold) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DsupNode.class.getName(), name, seed.toString(), Long.toString(hbMs), Integer.toString(threshold))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static NodeId awaitReady(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("READY ")) return NodeId.parse(line.substring(6).trim());
        }
        throw new IllegalStateException("worker node exited before READY");
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }

    private static void line(String name, double v, String unit) {
        System.out.println(String.format(Locale.ROOT, "BENCH %s %.2f %s", name, v, unit));
    }
}
