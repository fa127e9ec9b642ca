package io.ado.bench.examples;

import io.ado.cluster.ClusterConfig;
import io.ado.cluster.ClusterNode;
import io.ado.cluster.supervisor.DistributedChildSpec;
import io.ado.cluster.supervisor.DistributedSupervisor;
import io.ado.cluster.supervisor.DistributedSupervisorOptions;
import io.ado.cluster.supervisor.NodeSelector;
import io.ado.cluster.supervisor.RemoteSpawn;
import io.ado.runtime.Behavior;
import io.ado.runtime.BehaviorRegistry;
import io.ado.runtime.From;
import io.ado.runtime.Result;
import io.ado.runtime.supervisor.Strategy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Seed 002's complete example in Java: three workers spread round-robin over a supervisor
 * node and two worker nodes, a fourth added with least_loaded, Ctrl-C for a graceful stop.
 *
 * <pre>
 * bin/dsup-example worker  worker1    5370
 * bin/dsup-example worker  worker2    5371
 * bin/dsup-example supervisor supervisor 5369 worker1@127.0.0.1:5370 worker2@127.0.0.1:5371
 * </pre>
 * Kill a worker node and watch {@code node_failure_detected} and {@code child_migrated}.
 */
public final class DistributedWorkersExample {

    /** The seed's worker: counts "work" casts, answers "status" with the count. */
    public static final class Worker implements Behavior<Integer> {
        @Override public Integer init(Object args) { return 0; }

        @Override public Result<Integer> handleCall(Object msg, From from, Integer processed) {
            if ("status".equals(msg)) return Result.reply(processed, processed);
            throw new IllegalArgumentException("unknown call " + msg);
        }

        @Override public Result<Integer> handleCast(Object msg, Integer processed) {
            return Result.noReply("work".equals(msg) ? processed + 1 : processed);
        }
    }

    /** Step 1, on every node: the same behaviours under the same names. */
    public static void registerBehaviors(BehaviorRegistry registry) {
        if (!registry.isRegistered("worker")) registry.register("worker", Worker::new);
    }

    /** Steps 3–5 on the supervisor node. */
    public static DistributedSupervisor startSupervisor(ClusterNode node, BehaviorRegistry registry) {
        DistributedSupervisor.onLifecycleEvent(e -> System.out.println("[" + e.type() + "] " + e));
        DistributedSupervisor sup = DistributedSupervisor.start(node, DistributedSupervisorOptions.builder()
                .strategy(Strategy.ONE_FOR_ONE)
                .nodeSelector(NodeSelector.ROUND_ROBIN)
                .child(DistributedChildSpec.of("worker-1", "worker"))
                .child(DistributedChildSpec.of("worker-2", "worker"))
                .child(DistributedChildSpec.of("worker-3", "worker"))
                .restartIntensity(10, 60_000)
                .registry(registry)
                .build());
        sup.startChild(DistributedChildSpec.of("worker-4", "worker").withNodeSelector(NodeSelector.LEAST_LOADED));
        return sup;
    }

    /** Args: {@code worker NAME PORT} or {@code supervisor NAME PORT SEED...}. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: (worker|supervisor) NAME PORT [SEED...]");
            System.exit(2);
        }
        BehaviorRegistry registry = BehaviorRegistry.global();
        registerBehaviors(registry);
        ClusterNode node = ClusterNode.builder(ClusterConfig.builder(args[1]).host("127.0.0.1")
                .port(Integer.parseInt(args[2])).seeds(List.of(args).subList(3, args.length)).build()).start();
        RemoteSpawn.install(node, registry);
        node.onNodeUp(n -> System.out.println("[node_up] " + n.id()));
        node.onNodeDown((id, reason) -> System.out.println("[node_down] " + id + " " + reason));
        CountDownLatch done = new CountDownLatch(1);
        DistributedSupervisor sup = null;
        if (args[0].equals("supervisor")) {
            long deadline = System.currentTimeMillis() + 10_000; // wait for the workers so round-robin has three nodes
            while (node.getConnectedNodes().size() < args.length - 3 && System.currentTimeMillis() < deadline) {
                LockSupport.parkNanos(50_000_000);
            }
            sup = startSupervisor(node, registry);
            System.out.println("children: " + sup.getChildren());
        }
        DistributedSupervisor supervisor = sup;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // step 6: SIGINT → graceful shutdown
            if (supervisor != null && supervisor.isAlive()) {
                System.out.println("total restarts: " + supervisor.getStats().totalRestarts());
                supervisor.stop();
            }
            node.stop();
            done.countDown();
        }));
        done.await();
    }
}
