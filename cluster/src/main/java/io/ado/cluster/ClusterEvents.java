package io.ado.cluster;

import io.ado.cluster.membership.NodeInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners for NodeUp, NodeDown and StatusChange. Events are delivered in the order they
 * happened, on one dedicated thread, never while the cluster holds its lock, so a listener
 * may call back into the cluster. A throwing listener is logged and the others still run.
 */
final class ClusterEvents {
    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);

    private final List<Consumer<NodeInfo>> up = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<NodeId, NodeDownReason>> down = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClusterStatus>> status = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("ado-cluster-events").factory());

    Runnable onNodeUp(Consumer<NodeInfo> l) { up.add(l); return () -> up.remove(l); }

    Runnable onNodeDown(BiConsumer<NodeId, NodeDownReason> l) { down.add(l); return () -> down.remove(l); }

    Runnable onStatusChange(Consumer<ClusterStatus> l) { status.add(l); return () -> status.remove(l); }

    void nodeUp(NodeInfo info) { fire(() -> up.forEach(l -> safely(() -> l.accept(info)))); }

    void nodeDown(NodeId id, NodeDownReason reason) { fire(() -> down.forEach(l -> safely(() -> l.accept(id, reason)))); }

    void statusChanged(ClusterStatus s) { fire(() -> status.forEach(l -> safely(() -> l.accept(s)))); }

    private void fire(Runnable r) {
        if (!executor.isShutdown()) executor.execute(r);
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("cluster event listener threw", e);
        }
    }

    /** Delivers what is queued, then stops. */
    void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
