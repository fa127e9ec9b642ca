package io.ado.cluster.transport;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** Counters of one transport: traffic, every kind of refused frame or handshake, and open links. */
public final class TransportStats {
    private final IntSupplier openLinks;
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder framesReceived = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder oversized = new LongAdder();
    private final LongAdder forged = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder handshakeFailures = new LongAdder();
    private final LongAdder connectionsClosedOnError = new LongAdder();

    public TransportStats() { this(() -> 0); }

    /** @param openLinks the transport's count of links not yet closed (a gauge, read at each snapshot) */
    public TransportStats(IntSupplier openLinks) { this.openLinks = openLinks; }

    /**
     * A point-in-time copy with a readable {@code toString}. {@code openLinks} counts links not yet
     * closed, including one still closing after it lost a tie-break: one per peer once settled.
     */
    public record Snapshot(long framesSent, long framesReceived, long malformed, long oversized, long forged,
                           long replayed, long handshakeFailures, long connectionsClosedOnError, int openLinks) {
        public long rejected() { return malformed + oversized + forged + replayed + handshakeFailures; }
    }

    void sent() { framesSent.increment(); }

    void received() { framesReceived.increment(); }

    void closedOnError() { connectionsClosedOnError.increment(); }

    void rejected(FrameRejectedException.Kind kind) {
        switch (kind) {
            case MALFORMED -> malformed.increment();
            case OVERSIZED -> oversized.increment();
            case FORGED -> forged.increment();
            case REPLAYED -> replayed.increment();
            case HANDSHAKE -> handshakeFailures.increment();
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(framesSent.sum(), framesReceived.sum(), malformed.sum(), oversized.sum(), forged.sum(),
                replayed.sum(), handshakeFailures.sum(), connectionsClosedOnError.sum(), openLinks.getAsInt());
    }
}
