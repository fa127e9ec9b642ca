package io.ado.cluster.transport;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one transport: traffic and every kind of refused frame or handshake. */
public final class TransportStats {
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder framesReceived = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder oversized = new LongAdder();
    private final LongAdder forged = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder handshakeFailures = new LongAdder();
    private final LongAdder connectionsClosedOnError = new LongAdder();

    /** A point-in-time copy with a readable {@code toString}. */
    public record Snapshot(long framesSent, long framesReceived, long malformed, long oversized, long forged,
                           long replayed, long handshakeFailures, long connectionsClosedOnError) {
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
                replayed.sum(), handshakeFailures.sum(), connectionsClosedOnError.sum());
    }
}
