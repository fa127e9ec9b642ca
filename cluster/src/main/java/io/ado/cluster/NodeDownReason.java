package io.ado.cluster;

import java.util.Locale;

/** Why a peer was reported down, spelled on the wire and in logs as in the seed. */
public enum NodeDownReason {
    /** No heartbeat for {@code heartbeatIntervalMs * heartbeatMissThreshold}. */
    HEARTBEAT_TIMEOUT,
    /** The connection dropped without a goodbye. */
    CONNECTION_CLOSED,
    /** The node was up but could not be reached again when its connection was replaced. */
    CONNECTION_REFUSED,
    /** The node said goodbye: it is stopping on purpose. */
    GRACEFUL_SHUTDOWN;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    @Override public String toString() { return wireName(); }
}
