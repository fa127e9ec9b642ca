package io.ado.cluster;

import io.ado.cluster.transport.Link;
import io.ado.cluster.transport.Transport;
import io.ado.cluster.transport.TransportStats;
import io.ado.cluster.transport.WireMessage;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps a node's transport so a test can make the node fail from outside, the way real nodes
 * fail: {@link #crash()} drops every connection without a goodbye and leaves the node deaf and
 * mute (its peers see a kill -9); {@link #freeze()} stops its heartbeats but keeps every
 * connection open (a hung JVM); {@link #link(NodeId)} is the node's live link to a peer.
 */
public final class FaultInjectingTransport implements Transport {
    private final Transport delegate;
    private final Map<Link, Wrapped> wrapped = new ConcurrentHashMap<>(); // by the delegate's link
    private final Map<NodeId, Wrapped> live = new ConcurrentHashMap<>();
    private volatile boolean crashed;
    private volatile boolean frozen;

    public FaultInjectingTransport(Transport delegate) { this.delegate = delegate; }

    /** Closes every socket at once; afterwards nothing is sent, dialed or reported to the node. */
    public void crash() {
        crashed = true;
        delegate.close();
    }

    /** Outgoing heartbeats are dropped from now on; everything else still flows. */
    public void freeze() { frozen = true; }

    /** The link the node holds to {@code peer}, or null. */
    public Link link(NodeId peer) { return live.get(peer); }

    @Override public int bind(String host, int port) throws IOException { return delegate.bind(host, port); }

    @Override public void start(NodeId self, LinkHandler handler) { delegate.start(self, new Handler(handler)); }

    @Override public void dial(String host, int port, NodeId expected) { if (!crashed) delegate.dial(host, port, expected); }

    @Override public TransportStats stats() { return delegate.stats(); }

    @Override public void close() { delegate.close(); }

    private final class Wrapped implements Link {
        private final Link link;

        Wrapped(Link link) { this.link = link; }

        @Override public NodeId peer() { return link.peer(); }
        @Override public NodeId dialer() { return link.dialer(); }
        @Override public long token() { return link.token(); }

        @Override
        public boolean send(WireMessage message) {
            if (crashed) return false;
            if (frozen && message instanceof WireMessage.Heartbeat) return true; // lost, as from a hung node
            return link.send(message);
        }

        @Override public void close() { link.close(); }

        @Override public String toString() { return link.toString(); }
    }

    private final class Handler implements LinkHandler {
        private final LinkHandler node;

        Handler(LinkHandler node) { this.node = node; }

        @Override
        public boolean onLinkUp(Link link) {
            if (crashed) return false;
            Wrapped w = new Wrapped(link);
            wrapped.put(link, w);
            if (!node.onLinkUp(w)) {
                wrapped.remove(link);
                return false;
            }
            live.put(link.peer(), w);
            return true;
        }

        @Override
        public void onMessage(Link link, WireMessage message) {
            Wrapped w = wrapped.get(link);
            if (!crashed && w != null) node.onMessage(w, message);
        }

        @Override
        public void onLinkClosed(Link link) {
            Wrapped w = wrapped.remove(link);
            if (w == null) return;
            live.remove(link.peer(), w);
            if (!crashed) node.onLinkClosed(w);
        }

        @Override
        public void onDialFailed(String host, int port, NodeId expected, boolean rejected, Exception cause) {
            if (!crashed) node.onDialFailed(host, port, expected, rejected, cause);
        }
    }
}
