package io.ado.cluster;

import io.ado.cluster.membership.Gossip;
import io.ado.cluster.membership.HeartbeatMonitor;
import io.ado.cluster.membership.Member;
import io.ado.cluster.membership.Membership;
import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.membership.ReconnectBackoff;
import io.ado.cluster.remote.MessageTypes;
import io.ado.cluster.remote.RemoteMessaging;
import io.ado.cluster.transport.Link;
import io.ado.cluster.transport.LinkTieBreak;
import io.ado.cluster.transport.TcpTransport;
import io.ado.cluster.transport.Transport;
import io.ado.cluster.transport.TransportStats;
import io.ado.cluster.transport.WireMessage;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster node: the shell around the pure {@link Membership}. It owns a transport, a tick
 * (heartbeats, failure detection, due redials) and the node's {@link ProcessRuntime}, whose
 * remote traffic goes through {@link RemoteMessaging}. All membership changes happen under one
 * lock; I/O and listener calls happen outside it. Several nodes can live in one JVM.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final ClusterConfig config;
    private final Transport transport;
    private final Clock clock;
    private final RandomGenerator random;
    private final MessageTypes types;
    private final ProcessRuntime givenRuntime;
    private final HeartbeatMonitor monitor;
    private final ReconnectBackoff backoff;
    private final DnsSeeds dnsSeeds;
    private final ClusterEvents events = new ClusterEvents();

    private final Object lock = new Object();
    private volatile Membership membership;                                // written under lock
    private final Map<NodeId, Link> links = new ConcurrentHashMap<>();     // the one live link per peer
    private final Set<Link> quiet = ConcurrentHashMap.newKeySet();         // closing on purpose: no down event
    private final Set<NodeId> dialing = new HashSet<>();                   // guarded by lock
    private final Map<NodeId, Long> linkless = new HashMap<>();            // up, link superseded, since when; guarded by lock
    private volatile ClusterStatus status;
    private volatile NodeId localId;
    private volatile ProcessRuntime runtime;
    private volatile RemoteMessaging messaging;
    private ScheduledExecutorService ticker;
    private long startedAt;
    private long nextHeartbeatAt;
    private long lastTickAt;

    ClusterNode(ClusterNodeBuilder b) {
        this.config = b.config;
        this.transport = b.transport != null ? b.transport : new TcpTransport(b.config);
        this.clock = b.clock;
        this.random = b.random;
        this.types = b.types;
        this.givenRuntime = b.runtime;
        this.monitor = new HeartbeatMonitor(config.heartbeatIntervalMs(), config.heartbeatMissThreshold());
        this.backoff = new ReconnectBackoff(config.reconnectBaseDelayMs(), config.reconnectMaxDelayMs());
        this.dnsSeeds = new DnsSeeds(config.seeds().stream().map(SeedAddress::parse).toList(), b.resolver, backoff);
    }

    public static ClusterNodeBuilder builder(ClusterConfig config) { return new ClusterNodeBuilder(config); }

    // ---- lifecycle --------------------------------------------------------------------

    /** Binds, starts accepting and joining; returns once listening (joining continues in the background). */
    public ClusterNode start() {
        synchronized (lock) {
            if (status != null) throw new IllegalStateException("cluster node already started (" + status.wireName() + ")");
            status = ClusterStatus.STARTING;
        }
        events.statusChanged(ClusterStatus.STARTING);
        int port;
        try {
            port = transport.bind(config.host(), config.port());
        } catch (IOException e) {
            setStatus(ClusterStatus.STOPPED);
            events.close();
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
        }
        localId = new NodeId(config.nodeName(), advertiseHost(), port);
        if (givenRuntime != null && !givenRuntime.node().equals(localId.toString())) {
            transport.close();
            setStatus(ClusterStatus.STOPPED);
            events.close();
            throw new IllegalArgumentException("runtime node '" + givenRuntime.node() + "' must be the node id " + localId);
        }
        runtime = givenRuntime != null ? givenRuntime : ProcessRuntime.create(localId.toString(), clock);
        messaging = new RemoteMessaging(runtime, types, this::liveLink);
        runtime.setRemoteRouter(messaging);
        long now = clock.millis();
        List<NodeId> staticSeeds = config.seeds().stream().map(SeedAddress::parse).filter(s -> !s.isDns()).map(SeedAddress::node).toList();
        synchronized (lock) {
            startedAt = now;
            membership = Membership.of(localId).learn(staticSeeds, now);
        }
        transport.start(localId, new Handler());
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ado-cluster-tick-" + localId).factory());
        ticker.scheduleAtFixedRate(this::tick, 0, monitor.checkPeriodMs(), TimeUnit.MILLISECONDS);
        setStatus(ClusterStatus.RUNNING);
        return this;
    }

    /**
     * Graceful stop: tells every peer goodbye (they report {@code graceful_shutdown} at once),
     * stops heartbeats, closes every connection and releases threads. Idempotent.
     */
    public void stop() {
        synchronized (lock) {
            if (status != ClusterStatus.RUNNING) return;
            status = ClusterStatus.STOPPING;
        }
        events.statusChanged(ClusterStatus.STOPPING);
        ticker.shutdownNow();
        List<Link> all = List.copyOf(links.values());
        quiet.addAll(all);
        links.clear();
        for (Link l : all) l.send(new WireMessage.Goodbye());
        for (Link l : all) l.close();
        release();
    }

    private void release() {
        transport.close();
        Membership m;
        synchronized (lock) {
            m = membership;
            membership = Membership.of(localId); // a stopped node is connected to nobody
        }
        messaging.shutdown(m.members().stream().map(Member::id).toList());
        if (givenRuntime == null) runtime.close();
        setStatus(ClusterStatus.STOPPED);
        events.close();
    }

    @Override public void close() { stop(); }

    // ---- the tick: heartbeats, failure detection, redials ----------------------------

    private void tick() {
        try {
            long now = clock.millis();
            List<Runnable> after = new ArrayList<>();
            List<NodeId> toDial = new ArrayList<>();
            boolean beat = false;
            boolean dns = false;
            synchronized (lock) {
                if (status != ClusterStatus.RUNNING) return;
                if (now >= nextHeartbeatAt) {
                    beat = true;
                    nextHeartbeatAt = now + config.heartbeatIntervalMs();
                }
                // A node that was itself paused (GC, starved CPU) for over an interval could not
                // read its peers' heartbeats either: give them one more tick before blaming them.
                boolean selfPaused = lastTickAt > 0 && now - lastTickAt > config.heartbeatIntervalMs();
                lastTickAt = now;
                if (!selfPaused) for (NodeId id : monitor.expired(membership, now)) down(id, NodeDownReason.HEARTBEAT_TIMEOUT, now, after);
                for (NodeId id : membership.dueForDial(now)) if (startDial(id)) toDial.add(id);
                linkless.forEach((id, since) -> {
                    if (now - since >= config.heartbeatIntervalMs() && !links.containsKey(id) && dialing.add(id)) toDial.add(id);
                });
                dns = dnsSeeds.due(now, !membership.upNodes().isEmpty(), random);
            }
            after.forEach(Runnable::run);
            if (beat) { // one virtual thread per link: a peer that stops reading must not stall the tick
                WireMessage hb = heartbeat();
                for (Link l : links.values()) Thread.ofVirtual().name("ado-heartbeat").start(() -> l.send(hb));
            }
            for (NodeId id : toDial) transport.dial(id.host(), id.port(), id);
            if (dns) dnsSeeds.dial(transport);
        } catch (RuntimeException e) {
            log.error("cluster tick on {} failed", localId, e); // keep ticking: the schedule dies on a throw
        }
    }

    private WireMessage.Heartbeat heartbeat() {
        List<String> peers = Gossip.advertised(membership).stream().map(NodeId::toString).toList();
        return new WireMessage.Heartbeat(getUptimeMs(), runtime.processCount(), peers);
    }

    /** Under lock: marks a dial to {@code id} in flight unless one is, or a link exists. */
    private boolean startDial(NodeId id) {
        if (links.containsKey(id) || !dialing.add(id)) return false;
        membership = membership.connecting(id);
        return true;
    }

    /** Under lock: {@code id} is down for {@code reason}; I/O and events go to {@code after}. */
    private void down(NodeId id, NodeDownReason reason, long now, List<Runnable> after) {
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
                : membership.disconnected(id, now + backoff.delayMs(m.attempts(), random));
        RemoteMessaging rm = messaging;
        after.add(() -> rm.nodeDown(id));
        events.nodeDown(id, reason);
    }

    private Link liveLink(NodeId id) { return id != null && membership.isUp(id) ? links.get(id) : null; }

    private void setStatus(ClusterStatus s) {
        status = s;
        events.statusChanged(s);
    }

    private String advertiseHost() {
        if (config.advertiseHost() != null) return config.advertiseHost();
        if (!config.host().equals("0.0.0.0") && !config.host().equals("::")) return config.host();
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (IOException e) {
            return "127.0.0.1";
        }
    }

    // ---- transport callbacks ----------------------------------------------------------

    private final class Handler implements Transport.LinkHandler {
        @Override
        public boolean onLinkUp(Link link) {
            NodeId peer = link.peer();
            List<Runnable> after = new ArrayList<>();
            synchronized (lock) {
                if (status != ClusterStatus.RUNNING && status != ClusterStatus.STARTING) return false;
                if (peer.equals(localId)) return false;
                if (link.dialer().equals(localId)) dialing.remove(peer);
                Link existing = links.get(peer);
                if (existing != null) {
                    if (LinkTieBreak.keepFirst(existing.candidate(), link.candidate())) {
                        log.debug("{}: refusing {} (keeping {})", localId, link, existing);
                        return false;
                    }
                    log.debug("{}: {} supersedes {}", localId, link, existing);
                    quiet.add(existing); // both ends pick the same survivor, so the peer drops it too
                    after.add(() -> { existing.send(new WireMessage.Superseded()); existing.close(); });
                }
                if (existing == null) log.debug("{}: {} up", localId, link);
                links.put(peer, link);
                linkless.remove(peer);
                boolean wasUp = membership.isUp(peer);
                membership = membership.up(peer, clock.millis());
                if (!wasUp) events.nodeUp(membership.get(peer).orElseThrow().info());
            }
            after.forEach(Runnable::run);
            // first gossip at once, from another thread: on TCP the acceptor's Welcome must go first
            Thread.ofVirtual().start(() -> link.send(heartbeat()));
            return true;
        }

        @Override
        public void onMessage(Link link, WireMessage m) {
            NodeId peer = link.peer();
            switch (m) {
                case WireMessage.Heartbeat h -> onHeartbeat(peer, h);
                case WireMessage.Goodbye g -> withLock(after -> down(peer, NodeDownReason.GRACEFUL_SHUTDOWN, clock.millis(), after));
                case WireMessage.Superseded s -> {
                    log.debug("{}: {} superseded by the peer", localId, link);
                    quiet.add(link);
                    withLock(after -> { if (links.remove(peer, link)) linkless.put(peer, clock.millis()); });
                    link.close();
                }
                default -> {
                    RemoteMessaging rm = messaging;
                    if (rm != null) rm.handle(peer, m);
                }
            }
        }

        private void onHeartbeat(NodeId peer, WireMessage.Heartbeat h) {
            List<NodeId> heard = Gossip.parse(h.peers());
            List<NodeId> toDial = new ArrayList<>();
            synchronized (lock) {
                if (status != ClusterStatus.RUNNING) return;
                long now = clock.millis();
                membership = membership.heartbeat(peer, now, h.processCount(), h.uptimeMs());
                List<NodeId> fresh = Gossip.newPeers(membership, heard);
                membership = membership.learn(fresh, now);
                for (NodeId id : fresh) if (startDial(id)) toDial.add(id);
            }
            for (NodeId id : toDial) transport.dial(id.host(), id.port(), id);
        }

        @Override
        public void onLinkClosed(Link link) {
            NodeId peer = link.peer();
            boolean wasQuiet = quiet.remove(link);
            withLock(after -> {
                if (!links.remove(peer, link) || status != ClusterStatus.RUNNING) return; // a stopping node reports nothing
                if (wasQuiet) linkless.put(peer, clock.millis());
                else down(peer, NodeDownReason.CONNECTION_CLOSED, clock.millis(), after);
            });
        }

        @Override
        public void onDialFailed(String host, int port, NodeId expected, boolean rejected, Exception cause) {
            if (expected == null) return; // a DNS seed address: retried on the next DNS round
            log.debug("{}: dial to {} failed (rejected={}): {}", localId, expected, rejected, String.valueOf(cause));
            withLock(after -> {
                dialing.remove(expected);
                Member m = membership.get(expected).orElse(null);
                if (m == null || status != ClusterStatus.RUNNING) return;
                long now = clock.millis();
                if (m.isUp()) {
                    if (!links.containsKey(expected) && !rejected) down(expected, NodeDownReason.CONNECTION_REFUSED, now, after);
                } else {
                    membership = membership.disconnected(expected, now + backoff.delayMs(m.attempts(), random));
                }
            });
        }
    }

    private void withLock(Consumer<List<Runnable>> change) {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) { change.accept(after); }
        after.forEach(Runnable::run);
    }

    // ---- the seed's API -----------------------------------------------------------------

    public ClusterStatus getStatus() { ClusterStatus s = status; return s == null ? ClusterStatus.STOPPED : s; }

    public NodeId getLocalNodeId() {
        NodeId id = localId;
        if (id == null) throw new IllegalStateException("cluster node not started");
        return id;
    }

    public long getUptimeMs() { return status == null ? 0 : clock.millis() - startedAt; }

    /** Connected peers with their last heartbeat figures, in id order. */
    public List<NodeInfo> getConnectedNodes() {
        Membership m = membership;
        if (m == null) return List.of();
        return m.members().stream().filter(Member::isUp).map(Member::info).sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** The current membership value (immutable). */
    public Membership membership() { return membership; }

    /** Returns a handle that unsubscribes. */
    public Runnable onNodeUp(Consumer<NodeInfo> listener) { return events.onNodeUp(listener); }

    public Runnable onNodeDown(BiConsumer<NodeId, NodeDownReason> listener) { return events.onNodeDown(listener); }

    public Runnable onStatusChange(Consumer<ClusterStatus> listener) { return events.onStatusChange(listener); }

    /** This node's process runtime; refs to other nodes' processes route through the cluster. */
    public ProcessRuntime runtime() {
        ProcessRuntime r = runtime;
        if (r == null) throw new IllegalStateException("cluster node not started");
        return r;
    }

    public MessageTypes messageTypes() { return types; }

    public TransportStats.Snapshot stats() { return transport.stats().snapshot(); }

    /** Remote calls from this node still waiting for their reply. */
    public int pendingCalls() { RemoteMessaging rm = messaging; return rm == null ? 0 : rm.pendingCalls(); }

    /**
     * Calls the process registered as {@code name} on {@code node}.
     *
     * @throws NodeDownException at once if {@code node} is not connected, or if it is lost before replying
     */
    public Object call(NodeId node, String name, Object msg, Duration timeout) {
        if (node.equals(localId)) return runtime().call(name, msg, timeout);
        return messaging.callByName(node, name, msg, timeout);
    }

    /** Calls a process by ref, local or remote: the same as {@code runtime().call}. */
    public Object call(ProcessRef target, Object msg, Duration timeout) { return runtime().call(target, msg, timeout); }

    /** Casts to the process registered as {@code name} on {@code node}; dropped if the node is down. */
    public void cast(NodeId node, String name, Object msg) {
        if (node.equals(localId)) runtime().cast(name, msg);
        else messaging.castTo(node, WireMessage.Target.named(name), msg);
    }

    public void cast(ProcessRef target, Object msg) { runtime().cast(target, msg); }

    @Override public String toString() { return "ClusterNode[" + localId + ", " + getStatus().wireName() + "]"; }
}
