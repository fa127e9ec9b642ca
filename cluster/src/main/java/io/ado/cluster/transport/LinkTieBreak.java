package io.ado.cluster.transport;

import io.ado.cluster.NodeId;

/**
 * Two nodes that dial each other at the same moment end up with two links; both ends must
 * keep the same one, or they loop dropping and redialing. The rule only uses facts both
 * ends share: the link dialed by the smaller {@link NodeId} wins; between two links dialed
 * by the same node, the one with the smaller dialer nonce token wins.
 */
public final class LinkTieBreak {
    private LinkTieBreak() {}

    /** A link as the rule sees it: who dialed it and the dialer's handshake token. */
    public record Candidate(NodeId dialer, long token) {}

    /** True if {@code a} survives over {@code b}. Symmetric: exactly one of (a,b), (b,a) wins. */
    public static boolean keepFirst(Candidate a, Candidate b) {
        int byDialer = a.dialer().compareTo(b.dialer());
        if (byDialer != 0) return byDialer < 0;
        return Long.compare(a.token(), b.token()) <= 0;
    }
}
