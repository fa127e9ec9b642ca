package io.ado.cluster;

import static org.awaitility.Awaitility.await;

import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.transport.Link;
import io.ado.cluster.transport.TcpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Starts cluster nodes on 127.0.0.1 with short intervals, records their events, stops them all. */
final class TestNodes implements AutoCloseable {
    static final long HEARTBEAT_MS = 100;
    static final int MISS_THRESHOLD = 3;

    /** One NodeDown as a node saw it, with the System.nanoTime it arrived. */
    record DownEvent(NodeId observer, NodeId node, NodeDownReason reason, long atNanos) {}

    final List<ClusterNode> nodes = new CopyOnWriteArrayList<>();
    final List<DownEvent> downs = new CopyOnWriteArrayList<>();
    final List<NodeId> ups = new CopyOnWriteArrayList<>();
    private final Map<ClusterNode, FaultInjectingTransport> faults = new ConcurrentHashMap<>();

    static ClusterConfig.Builder config(String name) {
        return ClusterConfig.builder(name).host("127.0.0.1").port(0)
                .heartbeatIntervalMs(HEARTBEAT_MS).heartbeatMissThreshold(MISS_THRESHOLD)
                .reconnectBaseDelayMs(20).reconnectMaxDelayMs(300).connectTimeoutMs(3000);
    }

    ClusterNode start(ClusterConfig.Builder config) { return start(config, ClusterNode::builder); }

    /** Every node gets a {@link FaultInjectingTransport} around the transport {@code wiring} chose (default TCP). */
    ClusterNode start(ClusterConfig.Builder config, Function<ClusterConfig, ClusterNodeBuilder> wiring) {
        ClusterConfig c = config.build();
        ClusterNodeBuilder b = wiring.apply(c);
        FaultInjectingTransport faults = new FaultInjectingTransport(b.transport != null ? b.transport : new TcpTransport(c));
        ClusterNode n = b.transport(faults).build();
        this.faults.put(n, faults);
        n.onNodeUp(info -> ups.add(info.id()));
        n.onNodeDown((id, reason) -> downs.add(new DownEvent(localIdOf(n), id, reason, System.nanoTime())));
        nodes.add(n);
        return n.start();
    }

    private static NodeId localIdOf(ClusterNode n) {
        try {
            return n.getLocalNodeId();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    static List<NodeId> ids(List<ClusterNode> ns) { return ns.stream().map(ClusterNode::getLocalNodeId).toList(); }

    static List<NodeId> connected(ClusterNode n) { return n.getConnectedNodes().stream().map(NodeInfo::id).toList(); }

    /** Every node in {@code group} is connected to exactly all the others. */
    static void awaitFullMesh(List<ClusterNode> group, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(10)).until(() -> isFullMesh(group));
    }

    static boolean isFullMesh(List<ClusterNode> group) {
        for (ClusterNode n : group) {
            List<NodeId> others = new ArrayList<>(ids(group));
            others.remove(n.getLocalNodeId());
            if (!connected(n).containsAll(others) || connected(n).size() != others.size()) return false;
        }
        return true;
    }

    /** Dies as a kill -9 would: every socket closes without a goodbye, then the node stops hearing anything and stops. */
    void crash(ClusterNode n) {
        faults.get(n).crash();
        n.stop();
    }

    /** Stops the node's heartbeats but keeps its sockets open, as a hung (SIGSTOPped) JVM. */
    void freeze(ClusterNode n) { faults.get(n).freeze(); }

    /** {@code n}'s live link to {@code peer}. */
    Link link(ClusterNode n, NodeId peer) { return faults.get(n).link(peer); }

    List<DownEvent> downsOf(NodeId node) { return downs.stream().filter(d -> d.node().equals(node)).toList(); }

    @Override
    public void close() {
        for (ClusterNode n : nodes) {
            try {
                n.stop();
            } catch (RuntimeException ignored) {
                // best effort in cleanup
            }
        }
    }
}
