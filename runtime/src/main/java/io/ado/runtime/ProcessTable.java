package io.ado.runtime;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's live processes by id, and the one place that decides whether a ref is local
 * ({@link #route}). Ids start from the wall clock shifted left by 20 bits, so a ref held by
 * another node is never reused after this node restarts (the role of Erlang's "creation").
 */
final class ProcessTable {
    private final String node;
    private final AtomicLong ids;
    private final ConcurrentHashMap<Long, ProcessCell<?>> cells = new ConcurrentHashMap<>();
    private volatile RemoteRouter router;

    ProcessTable(String node, Clock clock) {
        this.node = node;
        this.ids = new AtomicLong(clock.millis() << 20);
    }

    String node() { return node; }

    long nextId() { return ids.incrementAndGet(); }

    void setRouter(RemoteRouter router) { this.router = router; }

    boolean isLocal(ProcessRef ref) { return node.equals(ref.node()); }

    /** Local (with its cell, or null when it is not alive) or remote (with the router, or null without a cluster). */
    Route route(ProcessRef ref) {
        return isLocal(ref) ? new Route.Local(cells.get(ref.id())) : new Route.Remote(ref, router);
    }

    /** The live local cell for {@code ref}; null for a dead process or a ref of another node. */
    ProcessCell<?> cell(ProcessRef ref) { return isLocal(ref) ? cells.get(ref.id()) : null; }

    void add(ProcessCell<?> cell) { cells.put(cell.ref.id(), cell); }

    void remove(ProcessCell<?> cell) { cells.remove(cell.ref.id(), cell); }

    int size() { return cells.size(); }

    List<ProcessCell<?>> cells() { return List.copyOf(cells.values()); }

    List<ProcessRef> refs() { return cells.values().stream().map(c -> c.ref).toList(); }
}
