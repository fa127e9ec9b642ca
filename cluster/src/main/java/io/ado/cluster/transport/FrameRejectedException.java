package io.ado.cluster.transport;

/**
 * A frame this node refuses. The reader closes the connection and counts the kind in
 * {@link TransportStats}; the node itself carries on.
 */
public class FrameRejectedException extends RuntimeException {
    public enum Kind { MALFORMED, OVERSIZED, FORGED, REPLAYED, HANDSHAKE }

    private final Kind kind;

    public FrameRejectedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
