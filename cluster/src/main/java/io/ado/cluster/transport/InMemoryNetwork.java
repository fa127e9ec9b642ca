package io.ado.cluster.transport;

import io.ado.cluster.NodeId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake network for {@link InMemoryTransport}s in one JVM. Tests cut it into partitions:
 * across a cut, frames are silently dropped (as on a real partition, so only heartbeats
 * notice) and dials are refused; {@link #heal()} restores full connectivity.
 */
public final class InMemoryNetwork {
    private final Map<String, InMemoryTransport> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger nextPort = new AtomicInteger(20000);
    private volatile Set<String> isolated = Set.of(); // addresses cut off from all others

    static String address(String host, int port) { return host + ":" + port; }

    int bind(String host, int port, InMemoryTransport t) {
        int p = port == 0 ? nextPort.incrementAndGet() : port;
        if (listeners.putIfAbsent(address(host, p), t) != null) throw new IllegalStateException("address in use: " + address(host, p));
        return p;
    }

    void unbind(String address, InMemoryTransport t) { listeners.remove(address, t); }

    InMemoryTransport lookup(String host, int port) { return listeners.get(address(host, port)); }

    /** Cuts {@code nodes} off from every node outside the set (and from each other). */
    public void isolate(NodeId... nodes) {
        Set<String> s = ConcurrentHashMap.newKeySet();
        s.addAll(isolated);
        for (NodeId n : nodes) s.add(address(n.host(), n.port()));
        isolated = Set.copyOf(s);
    }

    public void heal() { isolated = Set.of(); }

    boolean reachable(String a, String b) {
        Set<String> cut = isolated;
        return !cut.contains(a) && !cut.contains(b);
    }
}
