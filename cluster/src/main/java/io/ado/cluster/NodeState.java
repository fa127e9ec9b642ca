package io.ado.cluster;

import io.ado.cluster.membership.HeartbeatMonitor;
import io.ado.cluster.membership.Member;
import io.ado.cluster.membership.Membership;
import io.ado.cluster.remote.RemoteMessaging;
import io.ado.cluster.transport.Link;
import io.ado.cluster.transport.Transport;
import io.ado.runtime.Backoff;
import io.ado.runtime.ProcessRuntime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of one {@link ClusterNode} share: the membership value, the one live link per
 * peer and the bookkeeping of dials. Every membership change happens under {@link #lock}; the
 * I/O and listener calls a change implies are queued as {@code after} actions and run outside it.
 */
final class NodeState {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    final ClusterConfig config;
    final Transport transport;
    final Clock clock;
    final RandomGenerator random;
    final HeartbeatMonitor monitor;
    final Backoff backoff;
    final ClusterEvents events = new ClusterEvents();

    final Object lock = new Object();
    volatile Membership membership;                                // written under lock
    final Map<NodeId, Link> links = new ConcurrentHashMap<>();     // the one live link per peer
    final Set<Link> quiet = ConcurrentHashMap.newKeySet();         // closing on purpose: no down event
    final Set<NodeId> dialing = new HashSet<>();                   // guarded by lock
    final Map<NodeId, Long> linkless = new HashMap<>();            // up, link superseded, since when; guarded by lock
    volatile ClusterStatus status;
    volatile NodeId localId;
    volatile ProcessRuntime runtime;
    volatile RemoteMessaging messaging;
    long startedAt;

    NodeState(ClusterConfig config, Transport transport, Clock clock, RandomGenerator random) {
        this.config = config;
        this.transport = transport;
        this.clock = clock;
        this.random = random;
        this.monitor = new HeartbeatMonitor(config.heartbeatIntervalMs(), config.heartbeatMissThreshold());
        this.backoff = config.reconnectBackoff();
    }

    /** Under lock: marks a dial to {@code id} in flight unless one is, or a link exists. */
    boolean startDial(NodeId id) {
        if (links.containsKey(id) || !dialing.add(id)) return false;
        membership = membership.connecting(id);
        return true;
    }

    /** Under lock: {@code id} is down for {@code reason}; I/O and events go to {@code after}. */
    void down(NodeId id, NodeDownReason reason, long now, List<Runnable> after) {
        Member m = membership.get(id).orElse(null);
        if (m == null || !m.isUp()) return;
        log.debug("{}: {} down ({}), link {}, linkless since {}", localId, id, reason, links.get(id), linkless.get(id));
        Link l = links.remove(id);
        if (l != null) {
            quiet.add(l);
            after.add(l::close);
        }
        linkless.remove(id);
        membership = reason == NodeDownReason.GRACEFUL_SHUTDOWN
                ? membership.leave(id)
                : membership.disconnected(id, now + backoff.delay(m.attempts(), random).toMillis());
        RemoteMessaging rm = messaging;
        after.add(() -> rm.nodeDown(id));
        events.nodeDown(id, reason);
    }

    /** Runs {@code change} under the lock, then the actions it queued. */
    void withLock(Consumer<List<Runnable>> change) {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) { change.accept(after); }
        after.forEach(Runnable::run);
    }

    Link liveLink(NodeId id) { return id != null && membership.isUp(id) ? links.get(id) : null; }

    void setStatus(ClusterStatus s) {
        status = s;
        events.statusChanged(s);
    }

    long uptimeMs() { return status == null ? 0 : clock.millis() - startedAt; }
}
