package io.ado.cluster;

import io.ado.cluster.membership.Gossip;
import io.ado.cluster.transport.WireMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003's gossip, the shell around {@link Gossip}: every heartbeat this node sends carries
 * its connected peers; from every heartbeat it receives, it learns the ids it did not know and
 * dials them, until the cluster is a full mesh.
 */
final class GossipRound {
    private final NodeState s;

    GossipRound(NodeState s) { this.s = s; }

    /** This node's heartbeat: liveness, its figures, and the peers it advertises. */
    WireMessage.Heartbeat heartbeat() {
        List<String> peers = Gossip.advertised(s.membership).stream().map(NodeId::toString).toList();
        return new WireMessage.Heartbeat(s.uptimeMs(), s.runtime.processCount(), peers);
    }

    /** A peer's heartbeat: fresh figures for it, and its peers merged in and dialed. */
    void onHeartbeat(NodeId peer, WireMessage.Heartbeat h) {
        List<NodeId> heard = Gossip.parse(h.peers());
        List<NodeId> toDial = new ArrayList<>();
        synchronized (s.lock) {
            if (s.status != ClusterStatus.RUNNING) return;
            long now = s.clock.millis();
            s.membership = s.membership.heartbeat(peer, now, h.processCount(), h.uptimeMs());
            List<NodeId> fresh = Gossip.newPeers(s.membership, heard);
            s.membership = s.membership.learn(fresh, now);
            for (NodeId id : fresh) if (s.startDial(id)) toDial.add(id);
        }
        for (NodeId id : toDial) s.transport.dial(id.host(), id.port(), id);
    }
}
