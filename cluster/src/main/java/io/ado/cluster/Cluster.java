package io.ado.cluster;

import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.supervisor.RemoteSpawn;
import io.ado.runtime.BehaviorRegistry;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The seed's static API ({@code Cluster.start(config)}, {@code Cluster.onNodeUp(...)},
 * {@code Cluster.stop()}) as a thin layer over one default {@link ClusterNode}. Programs that
 * need several nodes in one JVM (tests) use {@link ClusterNode} instances directly.
 */
public final class Cluster {
    private static volatile ClusterNode node;

    private Cluster() {}

    /** Starts the default node; fails if one is already running. */
    public static synchronized ClusterNode start(ClusterConfig config) {
        if (node != null && node.getStatus() != ClusterStatus.STOPPED) throw new IllegalStateException("the default cluster node is already running: " + node);
        node = ClusterNode.builder(config).build();
        node.start();
        // as in the seed, a started node accepts children of distributed supervisors for the
        // behaviours in the global BehaviorRegistry
        RemoteSpawn.install(node, BehaviorRegistry.global());
        return node;
    }

    /** Graceful stop of the default node (see {@link ClusterNode#stop()}). */
    public static synchronized void stop() {
        if (node != null) node.stop();
    }

    public static ClusterNode node() {
        ClusterNode n = node;
        if (n == null) throw new IllegalStateException("Cluster.start(config) has not been called");
        return n;
    }

    public static ClusterStatus getStatus() { ClusterNode n = node; return n == null ? ClusterStatus.STOPPED : n.getStatus(); }

    public static NodeId getLocalNodeId() { return node().getLocalNodeId(); }

    public static long getUptimeMs() { return node().getUptimeMs(); }

    public static List<NodeInfo> getConnectedNodes() { return node().getConnectedNodes(); }

    public static Runnable onNodeUp(Consumer<NodeInfo> listener) { return node().onNodeUp(listener); }

    public static Runnable onNodeDown(BiConsumer<NodeId, NodeDownReason> listener) { return node().onNodeDown(listener); }

    public static Runnable onStatusChange(Consumer<ClusterStatus> listener) { return node().onStatusChange(listener); }
}
