package io.ado.cluster.supervisor;

import io.ado.cluster.ClusterNode;
import io.ado.cluster.NodeId;
import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.membership.NodeStatus;
import io.ado.runtime.Behavior;
import io.ado.runtime.Down;
import io.ado.runtime.ExitReason;
import io.ado.runtime.From;
import io.ado.runtime.Listeners;
import io.ado.runtime.MonitorRef;
import io.ado.runtime.ProcessContext;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.Result;
import io.ado.runtime.supervisor.RestartLoop;
import io.ado.runtime.supervisor.RestartPolicy;
import io.ado.runtime.supervisor.RestartType;
import io.ado.runtime.supervisor.Strategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The distributed supervisor process. Children live on any node; each is watched with a
 * (remote) monitor. An exit goes through the same {@link RestartLoop} (over the pure
 * {@link RestartPolicy}) as in the local supervisor; a lost node ({@code noconnection}, or the cluster's node-down event, whichever
 * comes first) restarts its children on live nodes chosen by {@link NodeSelection}.
 */
final class DistributedSupervisorServer implements Behavior<DistributedSupervisorServer.State> {

    record Init(DistributedSupervisorOptions options, ClusterNode cluster) {}

    /** One child as the supervisor tracks it; {@code ref} null when not running. */
    static final class Child {
        DistributedChildSpec spec;
        ProcessRef ref;
        NodeId node;
        MonitorRef monitor;
        int restarts;

        Child(DistributedChildSpec spec) { this.spec = spec; }
    }

    static final class State {
        ClusterNode cluster;
        ProcessRuntime rt;
        ProcessRef self;
        DistributedSupervisorOptions opts;
        final Map<String, Child> children = new LinkedHashMap<>(); // start order
        RestartLoop restarts;
        long totalRestarts;
        long nodeFailureRestarts;
        long cursor;
        long simpleSeq;
        long startedAt;
        Runnable unsubscribe = () -> { };
    }

    @Override
    public State init(Object args) {
        Init init = (Init) args;
        State s = new State();
        s.cluster = init.cluster();
        s.rt = ProcessContext.current().runtime();
        s.self = ProcessContext.current().self();
        s.opts = init.options();
        s.startedAt = s.rt.clock().millis();
        s.restarts = new RestartLoop(s.opts.strategy(), s.opts.restartIntensity(), s.opts.autoShutdown(), s.rt.clock()::millis);
        ProcessRef self = s.self;
        ProcessRuntime rt = s.rt;
        s.unsubscribe = s.cluster.onNodeDown((node, reason) -> rt.send(self, new DistributedRequest.NodeDown(node, reason)));
        for (DistributedChildSpec spec : s.opts.children()) {
            Child c = new Child(spec);
            s.children.put(spec.id(), c);
            try {
                place(s, c);
            } catch (RuntimeException e) {
                shutdownAll(s);
                s.unsubscribe.run();
                throw new IllegalStateException("distributed supervisor could not start child '" + spec.id() + "': " + e.getMessage(), e);
            }
            emit(s, new DistributedSupervisorEvent.ChildStarted(s.self, spec.id(), c.ref, c.node));
        }
        emit(s, new DistributedSupervisorEvent.SupervisorStarted(s.self));
        return s;
    }

    @Override
    public Result<State> handleCall(Object msg, From from, State s) {
        Object reply;
        try {
            reply = switch ((DistributedRequest) msg) {
                case DistributedRequest.StartChild r -> addChild(s, r.spec());
                case DistributedRequest.StartSimple r -> {
                    if (s.opts.strategy() != Strategy.SIMPLE_ONE_FOR_ONE) throw new IllegalStateException("startChild(args) is for simple_one_for_one");
                    DistributedChildSpec t = s.opts.childTemplate();
                    yield addChild(s, t.withId(t.id() + "-" + (++s.simpleSeq)).withArgs(r.args()));
                }
                case DistributedRequest.TerminateChild r -> {
                    Child c = require(s, r.id());
                    stopChild(s, c);
                    if (s.opts.strategy() == Strategy.SIMPLE_ONE_FOR_ONE || c.spec.restart() == RestartType.TEMPORARY) {
                        s.children.remove(r.id());
                    }
                    emit(s, new DistributedSupervisorEvent.ChildStopped(s.self, r.id(), ExitReason.SHUTDOWN));
                    yield Boolean.TRUE;
                }
                case DistributedRequest.RestartChild r -> {
                    Child c = require(s, r.id());
                    NodeId from0 = c.node;
                    stopChild(s, c);
                    place(s, c);
                    restarted(s, c, from0, false);
                    yield c.ref;
                }
                case DistributedRequest.GetChildren r -> s.children.values().stream()
                        .map(c -> new DistributedChildInfo(c.spec.id(), c.ref, c.node, c.restarts)).toList();
                case DistributedRequest.GetStats r -> stats(s);
            };
        } catch (RuntimeException e) {
            reply = new DistributedRequest.Failed(e);
        }
        return Result.reply(reply, s);
    }

    @Override
    public Result<State> handleInfo(Object msg, State s) {
        ExitReason stop = switch (msg) {
            case Down d -> onDown(s, d);
            case DistributedRequest.NodeDown n -> onNodeFailure(s, n.node());
            default -> null;
        };
        return stop == null ? Result.noReply(s) : Result.stop(stop, s);
    }

    @Override
    public void terminate(ExitReason reason, State s) {
        s.unsubscribe.run();
        shutdownAll(s);
        emit(s, new DistributedSupervisorEvent.SupervisorStopped(s.self, reason));
    }

    // ---- exits -----------------------------------------------------------------------

    private ExitReason onDown(State s, Down d) {
        Child c = byRef(s, d.process());
        if (c == null || !d.monitor().equals(c.monitor)) return null; // stale: already replaced
        if (d.reason() instanceof ExitReason.NoConnection) return onNodeFailure(s, c.node);
        markStopped(c);
        emit(s, new DistributedSupervisorEvent.ChildStopped(s.self, c.spec.id(), d.reason()));
        return DistributedRestarts.apply(s, c.spec.id(), d.reason(), null);
    }

    /** Every child on {@code node} is gone: one node_failure_detected, then restart each per policy elsewhere. */
    private ExitReason onNodeFailure(State s, NodeId node) {
        List<Child> affected = s.children.values().stream().filter(c -> c.ref != null && node.equals(c.node)).toList();
        if (affected.isEmpty()) return null;
        emit(s, new DistributedSupervisorEvent.NodeFailureDetected(s.self, node, affected.stream().map(c -> c.spec.id()).toList()));
        Map<Child, ProcessRef> lostRefs = new LinkedHashMap<>();
        affected.forEach(c -> lostRefs.put(c, c.ref));
        for (var e : lostRefs.entrySet()) {
            Child c = e.getKey();
            if (c.ref == null || !c.ref.equals(e.getValue())) continue; // already restarted by a sibling's one_for_all
            markStopped(c);
            emit(s, new DistributedSupervisorEvent.ChildStopped(s.self, c.spec.id(), ExitReason.NOCONNECTION));
            ExitReason stop = DistributedRestarts.apply(s, c.spec.id(), ExitReason.NOCONNECTION, node);
            if (stop != null) return stop;
        }
        return null;
    }

    static void restarted(State s, Child c, NodeId before, boolean nodeFailure) {
        s.totalRestarts++;
        c.restarts++;
        if (nodeFailure) {
            s.nodeFailureRestarts++;
            emit(s, new DistributedSupervisorEvent.ChildMigrated(s.self, c.spec.id(), before, c.node));
        }
        emit(s, new DistributedSupervisorEvent.ChildRestarted(s.self, c.spec.id(), c.ref, c.node, c.restarts));
    }

    // ---- placing and stopping children -------------------------------------------------

    /** Starts the child on a node chosen by its selector, skipping nodes that refuse it. */
    static void place(State s, Child c) {
        NodeSelector selector = c.spec.nodeSelector() != null ? c.spec.nodeSelector() : s.opts.nodeSelector();
        Set<NodeId> refused = new HashSet<>();
        RemoteSpawnException last = null;
        while (true) {
            NodeSelection.Choice choice;
            try {
                choice = NodeSelection.choose(selector, s.cluster.getLocalNodeId(), availableNodes(s), refused,
                        c.spec.id(), s.cursor, s.opts.random());
            } catch (NoAvailableNodeException e) {
                if (last != null) throw new NoAvailableNodeException(e.getMessage() + "; last error: " + last.getMessage());
                throw e;
            }
            s.cursor = choice.nextCursor();
            try {
                c.ref = RemoteSpawn.spawn(s.cluster, choice.node(), c.spec.behavior(), c.spec.args(), s.self, s.opts.spawnTimeout());
            } catch (RemoteSpawnException e) {
                last = e;
                refused.add(choice.node());
                continue;
            }
            c.node = choice.node();
            c.monitor = s.rt.monitor(s.self, c.ref);
            return;
        }
    }

    private static List<NodeInfo> availableNodes(State s) {
        List<NodeInfo> nodes = new ArrayList<>();
        nodes.add(new NodeInfo(s.cluster.getLocalNodeId(), NodeStatus.CONNECTED, s.rt.processCount(), s.cluster.getUptimeMs(),
                s.rt.clock().millis()));
        for (NodeInfo n : s.cluster.getConnectedNodes()) if (n.status() == NodeStatus.CONNECTED) nodes.add(n);
        return nodes;
    }

    static void stopChild(State s, Child c) {
        if (c == null || c.ref == null) return;
        ProcessRef ref = c.ref;
        s.rt.demonitorFrom(s.self, c.monitor);
        markStopped(c);
        RemoteSpawn.stop(s.cluster, ref, c.spec.shutdownTimeout());
    }

    private static void markStopped(Child c) {
        c.ref = null;
        c.monitor = null;
        // c.node is kept: it tells a later restart where the child came from
    }

    private void shutdownAll(State s) {
        List<Child> running = s.children.values().stream().filter(c -> c.ref != null).toList();
        for (int i = running.size() - 1; i >= 0; i--) {
            Child c = running.get(i);
            stopChild(s, c);
            emit(s, new DistributedSupervisorEvent.ChildStopped(s.self, c.spec.id(), ExitReason.SHUTDOWN));
        }
    }

    private ProcessRef addChild(State s, DistributedChildSpec spec) {
        if (s.children.containsKey(spec.id())) throw new IllegalArgumentException("child '" + spec.id() + "' already exists");
        Child c = new Child(spec);
        place(s, c);
        s.children.put(spec.id(), c);
        emit(s, new DistributedSupervisorEvent.ChildStarted(s.self, spec.id(), c.ref, c.node));
        return c.ref;
    }

    private DistributedSupervisorStats stats(State s) {
        Map<NodeId, Integer> byNode = new TreeMap<>();
        for (Child c : s.children.values()) if (c.ref != null) byNode.merge(c.node, 1, Integer::sum);
        int running = byNode.values().stream().mapToInt(Integer::intValue).sum();
        String id = s.opts.name() != null ? s.opts.name() : s.self.toString();
        return new DistributedSupervisorStats(id, s.opts.strategy(), running, byNode, s.totalRestarts, s.nodeFailureRestarts,
                s.rt.clock().millis() - s.startedAt);
    }

    private static Child require(State s, String id) {
        Child c = s.children.get(id);
        if (c == null) throw new IllegalArgumentException("no child '" + id + "'");
        return c;
    }

    private static Child byRef(State s, ProcessRef ref) {
        for (Child c : s.children.values()) if (ref.equals(c.ref)) return c;
        return null;
    }

    static void emit(State s, DistributedSupervisorEvent e) {
        if (s.opts.listener() != null) Listeners.deliver(s.opts.listener(), e);
        DistributedSupervisor.LIFECYCLE.publish(e);
    }
}
