package io.ado.cluster.membership;

import io.ado.cluster.NodeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The gossip rule: every heartbeat carries the sender's connected peers; the receiver learns
 * the ones it did not know and dials them, so the cluster reaches a full mesh after a few
 * rounds (seed 003, "Gossip protokol").
 */
public final class Gossip {
    private Gossip() {}

    /** What {@code local} advertises: itself plus its connected peers. */
    public static List<NodeId> advertised(Membership local) {
        return Stream.concat(Stream.of(local.self()), local.upNodes().stream()).toList();
    }

    /** Ids from a peer's gossip that {@code local} should start dialing. */
    public static List<NodeId> newPeers(Membership local, Collection<NodeId> heard) {
        return heard.stream().distinct()
                .filter(id -> !id.equals(local.self()) && local.get(id).isEmpty() && !local.hasLeft(id))
                .sorted().toList();
    }

    /** {@code local} after merging a peer's gossip. */
    public static Membership merge(Membership local, Collection<NodeId> heard, long now) {
        return local.learn(newPeers(local, heard), now);
    }

    /** Node ids from a heartbeat; ones that do not parse are skipped (gossip is advisory). */
    public static List<NodeId> parse(List<String> peers) {
        List<NodeId> ids = new ArrayList<>();
        for (String p : peers == null ? List.<String>of() : peers) {
            try {
                ids.add(NodeId.parse(p));
            } catch (IllegalArgumentException e) {
                // a peer on a newer or broken version: ignore this entry, keep the rest
            }
        }
        return ids;
    }

    /** True when every member is connected: full mesh as seen from this node. */
    public static boolean converged(Membership local, int expectedPeers) {
        return local.upNodes().size() == expectedPeers;
    }
}
