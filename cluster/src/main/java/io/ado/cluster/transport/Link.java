package io.ado.cluster.transport;

import io.ado.cluster.NodeId;

/** An established, authenticated connection to one peer. */
public interface Link {
    NodeId peer();

    /** The node that dialed this link: with {@link #token()}, the input of {@link LinkTieBreak}. */
    NodeId dialer();

    long token();

    /** Sends in order; false if the link is closed (the message is dropped). Never throws. */
    boolean send(WireMessage message);

    /** Closes the link; the handler's {@code onLinkClosed} follows. Idempotent. */
    void close();

    default LinkTieBreak.Candidate candidate() { return new LinkTieBreak.Candidate(dialer(), token()); }
}
