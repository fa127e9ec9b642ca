package io.ado.bench.dsup;

import io.ado.cluster.ClusterConfig;
import io.ado.cluster.node.ClusterNode;
import io.ado.cluster.supervisor.RemoteSpawn;
import io.ado.runtime.BehaviorRegistry;
import java.util.concurrent.CountDownLatch;

/**
 * A worker node in its own JVM for the failover benchmark: joins the seed, accepts children,
 * prints {@code READY <nodeId>} and waits to be killed (or stopped).
 * Args: name seedNodeId heartbeatMs missThreshold.
 */
public final class DsupNode {
    public static void main(String[] args) throws InterruptedException {
        ClusterNode node = ClusterNode.builder(ClusterConfig.builder(args[0]).host("127.0.0.1").port(0).seeds(args[1])
                .heartbeatIntervalMs(Long.parseLong(args[2])).heartbeatMissThreshold(Integer.parseInt(args[3]))
                .reconnectBaseDelayMs(50).reconnectMaxDelayMs(500).build()).start();
        BenchWorker.registerTypes(node.messageTypes());
        BehaviorRegistry registry = new BehaviorRegistry();
        registry.register("bench-worker", BenchWorker::new);
        RemoteSpawn.install(node, registry);
        System.out.println("READY " + node.getLocalNodeId());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
