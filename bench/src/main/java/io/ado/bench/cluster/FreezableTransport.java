package io.ado.bench.cluster;

import io.ado.cluster.NodeId;
import io.ado.cluster.transport.Link;
import io.ado.cluster.transport.Transport;
import io.ado.cluster.transport.TransportStats;
import io.ado.cluster.transport.WireMessage;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's transport that can be frozen from outside: after {@link #freeze()} its heartbeats are
 * lost while every connection stays open, as from a hung JVM, so only the miss threshold finds it.
 */
final class FreezableTransport implements Transport {
    private final Transport delegate;
    private volatile boolean frozen;

    FreezableTransport(Transport delegate) { this.delegate = delegate; }

    void freeze() { frozen = true; }

    @Override public int bind(String host, int port) throws IOException { return delegate.bind(host, port); }

    @Override
    public void start(NodeId self, LinkHandler node) {
        delegate.start(self, new LinkHandler() {
            // the node must see one wrapper per link, the same in every callback
            private final Map<Link, Link> wrapped = new ConcurrentHashMap<>();

            @Override public boolean onLinkUp(Link link) {
                Link w = new Freezable(link);
                wrapped.put(link, w);
                if (node.onLinkUp(w)) return true;
                wrapped.remove(link);
                return false;
            }

            @Override public void onMessage(Link link, WireMessage m) {
                Link w = wrapped.get(link);
                if (w != null) node.onMessage(w, m);
            }

            @Override public void onLinkClosed(Link link) {
                Link w = wrapped.remove(link);
                if (w != null) node.onLinkClosed(w);
            }

            @Override public void onDialFailed(String host, int port, NodeId expected, boolean rejected, Exception cause) {
                node.onDialFailed(host, port, expected, rejected, cause);
            }
        });
    }

    @Override public void dial(String host, int port, NodeId expected) { delegate.dial(host, port, expected); }

    @Override public TransportStats stats() { return delegate.stats(); }

    @Override public void close() { delegate.close(); }

    private final class Freezable implements Link {
        private final Link link;

        Freezable(Link link) { this.link = link; }

        @Override public NodeId peer() { return link.peer(); }
        @Override public NodeId dialer() { return link.dialer(); }
        @Override public long token() { return link.token(); }
        @Override public void close() { link.close(); }

        @Override
        public boolean send(WireMessage m) {
            if (frozen && m instanceof WireMessage.Heartbeat) return true; // lost on the way
            return link.send(m);
        }
    }
}
