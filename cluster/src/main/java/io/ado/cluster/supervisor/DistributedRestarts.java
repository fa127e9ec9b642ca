package io.ado.cluster.supervisor;

import io.ado.cluster.NodeId;
import io.ado.cluster.supervisor.DistributedSupervisorServer.Child;
import io.ado.cluster.supervisor.DistributedSupervisorServer.State;
import io.ado.runtime.ExitReason;
import io.ado.runtime.supervisor.RestartLoop;
import io.ado.runtime.supervisor.SupervisedChild;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The distributed supervisor's children as the runtime's shared {@link RestartLoop} sees them.
 * A restart places the child on a node its selector picks; restarting a child that ran on
 * {@code failedNode} is a migration.
 */
record DistributedRestarts(State s, NodeId failedNode) implements RestartLoop.Children {

    /** Handles one child's exit through the restart loop; returns the reason to stop the supervisor with, or null. */
    static ExitReason apply(State s, String exitedId, ExitReason reason, NodeId failedNode) {
        return switch (s.restarts.onExit(exitedId, reason, new DistributedRestarts(s, failedNode))) {
            case RestartLoop.Outcome.Continue c -> null;
            case RestartLoop.Outcome.Stop st -> st.reason();
            case RestartLoop.Outcome.MaxRestartsExceeded m ->
                    ExitReason.Crash.of(new DistributedMaxRestartsExceededError(s.self.toString(), m.intensity()));
        };
    }

    @Override
    public List<SupervisedChild> inStartOrder() {
        return s.children.values().stream().map(c -> SupervisedChild.of(c.spec.id(), c.spec.restart(), c.spec.significant())).toList();
    }

    @Override
    public Set<String> running() {
        Set<String> ids = new HashSet<>();
        for (Child c : s.children.values()) if (c.ref != null) ids.add(c.spec.id());
        return ids;
    }

    @Override
    public void stop(String id) {
        DistributedSupervisorServer.stopChild(s, s.children.get(id));
        DistributedSupervisorServer.emit(s, new DistributedSupervisorEvent.ChildStopped(s.self, id, ExitReason.SHUTDOWN));
    }

    @Override public void forget(String id) { s.children.remove(id); }

    @Override
    public void restart(String id) {
        Child c = s.children.get(id);
        NodeId before = c.node;
        DistributedSupervisorServer.place(s, c);
        DistributedSupervisorServer.restarted(s, c, before, failedNode != null && failedNode.equals(before));
    }
}
