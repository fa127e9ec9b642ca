package io.ado.cluster;

import io.ado.cluster.membership.Member;
import io.ado.cluster.remote.RemoteMessaging;
import io.ado.cluster.transport.Link;
import io.ado.cluster.transport.LinkTieBreak;
import io.ado.cluster.transport.Transport;
import io.ado.cluster.transport.WireMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of its transport: accepts a handshaken link or refuses it (self, stopping, or
 * the loser of {@link LinkTieBreak} when both ends dialed), keeps one live link per peer,
 * reports a peer down when its link drops without a goodbye or a redial fails, and hands
 * every other message to gossip or to remote messaging.
 */
final class LinkManager implements Transport.LinkHandler {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final NodeState s;
    private final GossipRound gossip;

    LinkManager(NodeState s, GossipRound gossip) {
        this.s = s;
        this.gossip = gossip;
    }

    @Override
    public boolean onLinkUp(Link link) {
        NodeId peer = link.peer();
        List<Runnable> after = new ArrayList<>();
        synchronized (s.lock) {
            if (s.status != ClusterStatus.RUNNING && s.status != ClusterStatus.STARTING) return false;
            if (peer.equals(s.localId)) return false;
            if (link.dialer().equals(s.localId)) s.dialing.remove(peer);
            Link existing = s.links.get(peer);
            if (existing != null) {
                if (LinkTieBreak.keepFirst(existing.candidate(), link.candidate())) {
                    log.debug("{}: refusing {} (keeping {})", s.localId, link, existing);
                    return false;
                }
                log.debug("{}: {} supersedes {}", s.localId, link, existing);
                s.quiet.add(existing); // both ends pick the same survivor, so the peer drops it too
                after.add(() -> { existing.send(new WireMessage.Superseded()); existing.close(); });
            }
            if (existing == null) log.debug("{}: {} up", s.localId, link);
            s.links.put(peer, link);
            s.linkless.remove(peer);
            boolean wasUp = s.membership.isUp(peer);
            s.membership = s.membership.up(peer, s.clock.millis());
            if (!wasUp) s.events.nodeUp(s.membership.get(peer).orElseThrow().info());
        }
        after.forEach(Runnable::run);
        // first gossip at once, from another thread: on TCP the acceptor's Welcome must go first
        Thread.ofVirtual().start(() -> link.send(gossip.heartbeat()));
        return true;
    }

    @Override
    public void onMessage(Link link, WireMessage m) {
        NodeId peer = link.peer();
        switch (m) {
            case WireMessage.Heartbeat h -> gossip.onHeartbeat(peer, h);
            case WireMessage.Goodbye g -> s.withLock(after -> s.down(peer, NodeDownReason.GRACEFUL_SHUTDOWN, s.clock.millis(), after));
            case WireMessage.Superseded sup -> {
                log.debug("{}: {} superseded by the peer", s.localId, link);
                s.quiet.add(link);
                s.withLock(after -> { if (s.links.remove(peer, link)) s.linkless.put(peer, s.clock.millis()); });
                link.close();
            }
            default -> {
                RemoteMessaging rm = s.messaging;
                if (rm != null) rm.handle(peer, m);
            }
        }
    }

    @Override
    public void onLinkClosed(Link link) {
        NodeId peer = link.peer();
        boolean wasQuiet = s.quiet.remove(link);
        s.withLock(after -> {
            if (!s.links.remove(peer, link) || s.status != ClusterStatus.RUNNING) return; // a stopping node reports nothing
            if (wasQuiet) s.linkless.put(peer, s.clock.millis());
            else s.down(peer, NodeDownReason.CONNECTION_CLOSED, s.clock.millis(), after);
        });
    }

    @Override
    public void onDialFailed(String host, int port, NodeId expected, boolean rejected, Exception cause) {
        if (expected == null) return; // a DNS seed address: retried on the next DNS round
        log.debug("{}: dial to {} failed (rejected={}): {}", s.localId, expected, rejected, String.valueOf(cause));
        s.withLock(after -> {
            s.dialing.remove(expected);
            Member m = s.membership.get(expected).orElse(null);
            if (m == null || s.status != ClusterStatus.RUNNING) return;
            long now = s.clock.millis();
            if (m.isUp()) {
                if (!s.links.containsKey(expected) && !rejected) s.down(expected, NodeDownReason.CONNECTION_REFUSED, now, after);
            } else {
                s.membership = s.membership.disconnected(expected, now + s.backoff.delay(m.attempts(), s.random).toMillis());
            }
        });
    }
}
