package io.ado.cluster.supervisor;

import io.ado.cluster.node.ClusterNode;
import io.ado.runtime.ExitReason;
import io.ado.runtime.Listeners;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.StartOptions;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Seed 002's DistributedSupervisor: children spread over the cluster's nodes by node
 * selectors, restarted per strategy, moved to a live node when theirs dies. A handle to the
 * supervisor process; every method is a call to it.
 *
 * <p>Split-brain rule: each child is owned by its supervisor. The spawner on the child's node
 * monitors the supervisor and kills the child when the supervisor's node becomes unreachable,
 * while the supervisor restarts it elsewhere. So after a partition heals the child runs once,
 * on the supervisor's side.
 */
public final class DistributedSupervisor {
    public static final Duration OP_TIMEOUT = Duration.ofSeconds(60);

    /** Every distributed supervisor's lifecycle events, JVM-wide. */
    static final Listeners<DistributedSupervisorEvent> LIFECYCLE = new Listeners<>();

    private final ClusterNode cluster;
    private final ProcessRef ref;

    private DistributedSupervisor(ClusterNode cluster, ProcessRef ref) {
        this.cluster = cluster;
        this.ref = ref;
    }

    /** Starts the supervisor on {@code cluster}'s node; returns once every child has started. */
    public static DistributedSupervisor start(ClusterNode cluster, DistributedSupervisorOptions options) {
        RemoteSpawn.install(cluster, options.registry());
        StartOptions so = new StartOptions(options.name(), false, OP_TIMEOUT);
        ProcessRef ref = cluster.runtime().start(new DistributedSupervisorServer(), new DistributedSupervisorServer.Init(options, cluster), so);
        return new DistributedSupervisor(cluster, ref);
    }

    public static Runnable onLifecycleEvent(Consumer<DistributedSupervisorEvent> listener) {
        return LIFECYCLE.subscribe(listener);
    }

    public ProcessRef ref() { return ref; }

    public ProcessRef startChild(DistributedChildSpec spec) { return (ProcessRef) request(new DistributedRequest.StartChild(spec)); }

    /** simple_one_for_one: a child from the template with these init args. */
    public ProcessRef startChild(List<Object> args) { return (ProcessRef) request(new DistributedRequest.StartSimple(args)); }

    public void terminateChild(String id) { request(new DistributedRequest.TerminateChild(id)); }

    /** Stops the child and starts it again where its selector says now (maybe another node). */
    public ProcessRef restartChild(String id) { return (ProcessRef) request(new DistributedRequest.RestartChild(id)); }

    @SuppressWarnings("unchecked")
    public List<DistributedChildInfo> getChildren() { return (List<DistributedChildInfo>) request(new DistributedRequest.GetChildren()); }

    public DistributedSupervisorStats getStats() { return (DistributedSupervisorStats) request(new DistributedRequest.GetStats()); }

    public boolean isAlive() { return cluster.runtime().isAlive(ref); }

    /** Stops every child in reverse start order, then the supervisor. */
    public void stop() { cluster.runtime().stop(ref, ExitReason.SHUTDOWN, OP_TIMEOUT); }

    private Object request(Object r) {
        Object reply = cluster.runtime().call(ref, r, OP_TIMEOUT);
        if (reply instanceof DistributedRequest.Failed f) throw f.error();
        return reply;
    }
}
