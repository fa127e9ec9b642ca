package io.ado.cluster.supervisor;

import static org.awaitility.Awaitility.await;

import io.ado.cluster.ClusterConfig;
import io.ado.cluster.ClusterNode;
import io.ado.cluster.FaultInjectingTransport;
import io.ado.cluster.NodeId;
import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.transport.InMemoryNetwork;
import io.ado.cluster.transport.InMemoryTransport;
import io.ado.cluster.transport.TcpTransport;
import io.ado.runtime.BehaviorRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * N cluster nodes on 127.0.0.1 (TCP, or an in-memory network that tests can partition),
 * 100 ms heartbeats, each with its own BehaviorRegistry and spawner; stops them all.
 */
final class Nodes implements AutoCloseable {
    static final long HEARTBEAT_MS = 100;
    /** 500 ms without heartbeats: a loaded 2-core CI machine must not make a healthy node flap. */
    static final int MISS_THRESHOLD = 5;
    final List<ClusterNode> nodes = new CopyOnWriteArrayList<>();
    final List<BehaviorRegistry> registries = new ArrayList<>();
    final InMemoryNetwork network;
    private final Map<ClusterNode, FaultInjectingTransport> faults = new ConcurrentHashMap<>();

    private Nodes(InMemoryNetwork network) { this.network = network; }

    static Nodes tcp(String... names) { return start(null, names); }

    static Nodes inMemory(String... names) { return start(new InMemoryNetwork(), names); }

    private static Nodes start(InMemoryNetwork net, String... names) {
        Nodes t = new Nodes(net);
        String seed = null;
        for (String name : names) {
            ClusterConfig.Builder cfg = ClusterConfig.builder(name).host("127.0.0.1").port(0)
                    .heartbeatIntervalMs(HEARTBEAT_MS).heartbeatMissThreshold(MISS_THRESHOLD)
                    .reconnectBaseDelayMs(20).reconnectMaxDelayMs(300).connectTimeoutMs(3000);
            if (seed != null) cfg.seeds(seed);
            ClusterConfig c = cfg.build();
            FaultInjectingTransport faults = new FaultInjectingTransport(net != null ? new InMemoryTransport(net) : new TcpTransport(c));
            ClusterNode n = ClusterNode.builder(c).transport(faults).start();
            t.faults.put(n, faults);
            Worker.registerTypes(n.messageTypes());
            BehaviorRegistry reg = new BehaviorRegistry();
            reg.register("worker", Worker::new);
            RemoteSpawn.install(n, reg);
            t.nodes.add(n);
            t.registries.add(reg);
            if (seed == null) seed = n.getLocalNodeId().toString();
        }
        t.awaitMesh(t.nodes);
        return t;
    }

    void awaitMesh(List<ClusterNode> group) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(() -> group.stream()
                .allMatch(n -> n.getConnectedNodes().stream().map(NodeInfo::id).toList().containsAll(
                        group.stream().map(ClusterNode::getLocalNodeId).filter(id -> !id.equals(n.getLocalNodeId())).toList())));
    }

    ClusterNode get(int i) { return nodes.get(i); }

    NodeId id(int i) { return nodes.get(i).getLocalNodeId(); }

    /** Kills the node as kill -9 would: its sockets drop without a goodbye, then it stops, hearing nothing. */
    void crash(int i) {
        ClusterNode n = nodes.get(i);
        faults.get(n).crash();
        n.stop();
    }

    @Override public void close() {
        for (ClusterNode n : nodes) {
            try { n.stop(); } catch (RuntimeException ignored) { /* cleanup */ }
        }
    }
}
