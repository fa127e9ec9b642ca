package io.ado.cluster;

import io.ado.cluster.transport.Link;
import io.ado.cluster.transport.WireMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's tick, every {@code checkPeriodMs}: sends heartbeats when an interval has passed,
 * reports peers past the miss threshold down ({@code heartbeat_timeout}), and starts the
 * redials and DNS seed rounds that are due. One scheduled thread runs it.
 */
final class HeartbeatRound implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final NodeState s;
    private final GossipRound gossip;
    private final DnsSeeds dnsSeeds;
    private long nextHeartbeatAt;
    private long lastTickAt;

    HeartbeatRound(NodeState s, GossipRound gossip, DnsSeeds dnsSeeds) {
        this.s = s;
        this.gossip = gossip;
        this.dnsSeeds = dnsSeeds;
    }

    @Override
    public void run() {
        try {
            long now = s.clock.millis();
            List<Runnable> after = new ArrayList<>();
            List<NodeId> toDial = new ArrayList<>();
            boolean beat = false;
            boolean dns = false;
            synchronized (s.lock) {
                if (s.status != ClusterStatus.RUNNING) return;
                if (now >= nextHeartbeatAt) {
                    beat = true;
                    nextHeartbeatAt = now + s.config.heartbeatIntervalMs();
                }
                // A node that was itself paused (GC, starved CPU) for over an interval could not
                // read its peers' heartbeats either: give them one more tick before blaming them.
                boolean selfPaused = lastTickAt > 0 && now - lastTickAt > s.config.heartbeatIntervalMs();
                lastTickAt = now;
                if (!selfPaused) for (NodeId id : s.monitor.expired(s.membership, now)) s.down(id, NodeDownReason.HEARTBEAT_TIMEOUT, now, after);
                for (NodeId id : s.membership.dueForDial(now)) if (s.startDial(id)) toDial.add(id);
                s.linkless.forEach((id, since) -> {
                    if (now - since >= s.config.heartbeatIntervalMs() && !s.links.containsKey(id) && s.dialing.add(id)) toDial.add(id);
                });
                dns = dnsSeeds.due(now, !s.membership.upNodes().isEmpty(), s.random);
            }
            after.forEach(Runnable::run);
            if (beat) { // one virtual thread per link: a peer that stops reading must not stall the tick
                WireMessage hb = gossip.heartbeat();
                for (Link l : s.links.values()) Thread.ofVirtual().name("ado-heartbeat").start(() -> l.send(hb));
            }
            for (NodeId id : toDial) s.transport.dial(id.host(), id.port(), id);
            if (dns) dnsSeeds.dial(s.transport);
        } catch (RuntimeException e) {
            log.error("cluster tick on {} failed", s.localId, e); // keep ticking: the schedule dies on a throw
        }
    }
}
