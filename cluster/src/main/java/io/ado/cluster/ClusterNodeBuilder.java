package io.ado.cluster;

import io.ado.cluster.remote.MessageTypes;
import io.ado.cluster.transport.Transport;
import io.ado.runtime.ProcessRuntime;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** Wires a node; everything but the config has a production default. */
public final class ClusterNodeBuilder {
    final ClusterConfig config; // package-private: read by ClusterNode's constructor
    Transport transport;
    Clock clock = Clock.systemUTC();
    RandomGenerator random = RandomGenerator.getDefault();
    MessageTypes types = new MessageTypes();
    SeedResolver resolver = SeedResolver.DNS;
    ProcessRuntime runtime;

    ClusterNodeBuilder(ClusterConfig config) { this.config = Objects.requireNonNull(config, "config"); }

    /** Default: a {@link TcpTransport} for the config. */
    public ClusterNodeBuilder transport(Transport t) { transport = t; return this; }
    public ClusterNodeBuilder clock(Clock c) { clock = Objects.requireNonNull(c); return this; }
    /** Jitter of reconnect delays. */
    public ClusterNodeBuilder random(RandomGenerator r) { random = Objects.requireNonNull(r); return this; }
    /** The allow-list of message classes; every node must register the same ones. */
    public ClusterNodeBuilder messageTypes(MessageTypes t) { types = Objects.requireNonNull(t); return this; }
    public ClusterNodeBuilder seedResolver(SeedResolver r) { resolver = Objects.requireNonNull(r); return this; }
    /** An existing runtime whose node name is this node's id (needs a fixed port); default: a new one. */
    public ClusterNodeBuilder runtime(ProcessRuntime r) { runtime = r; return this; }

    public ClusterNode build() { return new ClusterNode(this); }

    public ClusterNode start() { return build().start(); }
}
