package io.ado.cluster;

import io.ado.cluster.membership.Member;
import io.ado.cluster.membership.Membership;
import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.remote.MessageTypes;
import io.ado.cluster.remote.NodeDownException;
import io.ado.cluster.remote.RemoteMessaging;
import io.ado.cluster.transport.Link;
import io.ado.cluster.transport.TcpTransport;
import io.ado.cluster.transport.TransportStats;
import io.ado.cluster.transport.WireMessage;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One cluster node: the facade over the pure {@link Membership}. Its parts share a
 * {@link NodeState}: {@link LinkManager} handles the transport's links, {@link HeartbeatRound}
 * is the tick (heartbeats, failure detection, due redials), {@link GossipRound} merges what peers
 * advertise. The node's {@link ProcessRuntime} sends remote traffic through
 * {@link RemoteMessaging}. Several nodes can live in one JVM.
 */
public final class ClusterNode implements AutoCloseable {
    private final NodeState s;
    private final MessageTypes types;
    private final ProcessRuntime givenRuntime;
    private final LinkManager linkManager;
    private final HeartbeatRound heartbeats;
    private ScheduledExecutorService ticker;

    ClusterNode(ClusterNodeBuilder b) {
        ClusterConfig config = b.config;
        this.s = new NodeState(config, b.transport != null ? b.transport : new TcpTransport(config), b.clock, b.random);
        this.types = b.types;
        this.givenRuntime = b.runtime;
        GossipRound gossip = new GossipRound(s);
        this.linkManager = new LinkManager(s, gossip);
        DnsSeeds dnsSeeds = new DnsSeeds(config.seeds().stream().map(SeedAddress::parse).toList(), b.resolver, s.backoff);
        this.heartbeats = new HeartbeatRound(s, gossip, dnsSeeds);
    }

    public static ClusterNodeBuilder builder(ClusterConfig config) { return new ClusterNodeBuilder(config); }

    // ---- lifecycle --------------------------------------------------------------------

    /** Binds, starts accepting and joining; returns once listening (joining continues in the background). */
    public ClusterNode start() {
        ClusterConfig config = s.config;
        synchronized (s.lock) {
            if (s.status != null) throw new IllegalStateException("cluster node already started (" + s.status.wireName() + ")");
            s.status = ClusterStatus.STARTING;
        }
        s.events.statusChanged(ClusterStatus.STARTING);
        int port;
        try {
            port = s.transport.bind(config.host(), config.port());
        } catch (IOException e) {
            s.setStatus(ClusterStatus.STOPPED);
            s.events.close();
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
        }
        NodeId localId = new NodeId(config.nodeName(), advertiseHost(), port);
        s.localId = localId;
        if (givenRuntime != null && !givenRuntime.node().equals(localId.toString())) {
            s.transport.close();
            s.setStatus(ClusterStatus.STOPPED);
            s.events.close();
            throw new IllegalArgumentException("runtime node '" + givenRuntime.node() + "' must be the node id " + localId);
        }
        s.runtime = givenRuntime != null ? givenRuntime : ProcessRuntime.create(localId.toString(), s.clock);
        s.messaging = new RemoteMessaging(s.runtime, types, s::liveLink);
        s.runtime.setRemoteRouter(s.messaging);
        long now = s.clock.millis();
        List<NodeId> staticSeeds = config.seeds().stream().map(SeedAddress::parse).filter(a -> !a.isDns()).map(SeedAddress::node).toList();
        synchronized (s.lock) {
            s.startedAt = now;
            s.membership = Membership.of(localId).learn(staticSeeds, now);
        }
        s.transport.start(localId, linkManager);
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ado-cluster-tick-" + localId).factory());
        ticker.scheduleAtFixedRate(heartbeats, 0, s.monitor.checkPeriodMs(), TimeUnit.MILLISECONDS);
        s.setStatus(ClusterStatus.RUNNING);
        return this;
    }

    /**
     * Graceful stop: tells every peer goodbye (they report {@code graceful_shutdown} at once),
     * stops heartbeats, closes every connection and releases threads. Idempotent.
     */
    public void stop() {
        synchronized (s.lock) {
            if (s.status != ClusterStatus.RUNNING) return;
            s.status = ClusterStatus.STOPPING;
        }
        s.events.statusChanged(ClusterStatus.STOPPING);
        ticker.shutdownNow();
        List<Link> all = List.copyOf(s.links.values());
        s.quiet.addAll(all);
        s.links.clear();
        for (Link l : all) l.send(new WireMessage.Goodbye());
        for (Link l : all) l.close();
        s.transport.close();
        Membership m;
        synchronized (s.lock) {
            m = s.membership;
            s.membership = Membership.of(s.localId); // a stopped node is connected to nobody
        }
        s.messaging.shutdown(m.members().stream().map(Member::id).toList());
        if (givenRuntime == null) s.runtime.close();
        s.setStatus(ClusterStatus.STOPPED);
        s.events.close();
    }

    @Override public void close() { stop(); }

    private String advertiseHost() {
        ClusterConfig config = s.config;
        if (config.advertiseHost() != null) return config.advertiseHost();
        if (!config.host().equals("0.0.0.0") && !config.host().equals("::")) return config.host();
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (IOException e) {
            return "127.0.0.1";
        }
    }

    // ---- the seed's API -----------------------------------------------------------------

    public ClusterStatus getStatus() { ClusterStatus st = s.status; return st == null ? ClusterStatus.STOPPED : st; }

    public NodeId getLocalNodeId() {
        NodeId id = s.localId;
        if (id == null) throw new IllegalStateException("cluster node not started");
        return id;
    }

    public long getUptimeMs() { return s.uptimeMs(); }

    /** Connected peers with their last heartbeat figures, in id order. */
    public List<NodeInfo> getConnectedNodes() {
        Membership m = s.membership;
        if (m == null) return List.of();
        return m.members().stream().filter(Member::isUp).map(Member::info).sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** The current membership value (immutable). */
    public Membership membership() { return s.membership; }

    /** Returns a handle that unsubscribes. */
    public Runnable onNodeUp(Consumer<NodeInfo> listener) { return s.events.onNodeUp(listener); }

    public Runnable onNodeDown(BiConsumer<NodeId, NodeDownReason> listener) { return s.events.onNodeDown(listener); }

    public Runnable onStatusChange(Consumer<ClusterStatus> listener) { return s.events.onStatusChange(listener); }

    /** This node's process runtime; refs to other nodes' processes route through the cluster. */
    public ProcessRuntime runtime() {
        ProcessRuntime r = s.runtime;
        if (r == null) throw new IllegalStateException("cluster node not started");
        return r;
    }

    public MessageTypes messageTypes() { return types; }

    public TransportStats.Snapshot stats() { return s.transport.stats().snapshot(); }

    /** Remote calls from this node still waiting for their reply. */
    public int pendingCalls() { RemoteMessaging rm = s.messaging; return rm == null ? 0 : rm.pendingCalls(); }

    /**
     * Calls the process registered as {@code name} on {@code node}.
     *
     * @throws NodeDownException at once if {@code node} is not connected, or if it is lost before replying
     */
    public Object call(NodeId node, String name, Object msg, Duration timeout) {
        if (node.equals(s.localId)) return runtime().call(name, msg, timeout);
        return s.messaging.callByName(node, name, msg, timeout);
    }

    /** Calls a process by ref, local or remote: the same as {@code runtime().call}. */
    public Object call(ProcessRef target, Object msg, Duration timeout) { return runtime().call(target, msg, timeout); }

    /** Casts to the process registered as {@code name} on {@code node}; dropped if the node is down. */
    public void cast(NodeId node, String name, Object msg) {
        if (node.equals(s.localId)) runtime().cast(name, msg);
        else s.messaging.castTo(node, WireMessage.Target.named(name), msg);
    }

    public void cast(ProcessRef target, Object msg) { runtime().cast(target, msg); }

    @Override public String toString() { return "ClusterNode[" + s.localId + ", " + getStatus().wireName() + "]"; }
}
