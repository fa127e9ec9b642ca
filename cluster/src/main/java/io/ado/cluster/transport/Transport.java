package io.ado.cluster.transport;

import io.ado.cluster.NodeId;
import java.io.IOException;

/**
 * How nodes reach each other. {@link TcpTransport} is the real one (framed, HMAC-authenticated);
 * {@link InMemoryTransport} lets tests partition and heal a network inside one JVM. A transport
 * reports everything to its {@link LinkHandler}; it never throws socket errors at the cluster.
 */
public interface Transport extends AutoCloseable {

    /** Binds the listening endpoint; returns the port actually bound (ephemeral when 0 was asked). */
    int bind(String host, int port) throws IOException;

    /** Starts accepting links for {@code self}; dials made later report to {@code handler}. */
    void start(NodeId self, LinkHandler handler);

    /**
     * Dials asynchronously. {@code expected} is the peer's id when known (null for a DNS seed);
     * a peer answering with another id is refused. The outcome arrives at the handler.
     */
    void dial(String host, int port, NodeId expected);

    TransportStats stats();

    /** Closes the listener and every link, without any goodbye. */
    @Override
    void close();

    /** Callbacks from a transport; each may run on any thread. */
    interface LinkHandler {
        /** A handshake completed. Return false to refuse the link (duplicate, self, stopping). */
        boolean onLinkUp(Link link);

        void onMessage(Link link, WireMessage message);

        /** The link is closed, for whatever reason; called once per link that was up. */
        void onLinkClosed(Link link);

        /** A dial did not produce a link; {@code rejected} when the peer refused it as a duplicate. */
        void onDialFailed(String host, int port, NodeId expected, boolean rejected, Exception cause);
    }
}
