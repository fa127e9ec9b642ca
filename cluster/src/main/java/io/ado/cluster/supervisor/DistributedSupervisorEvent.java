package io.ado.cluster.supervisor;

import io.ado.cluster.NodeId;
import io.ado.runtime.ExitReason;
import io.ado.runtime.ProcessRef;
import java.util.List;

/** Lifecycle events of a {@link DistributedSupervisor}, named as in seed 002. */
public sealed interface DistributedSupervisorEvent {
    ProcessRef supervisor();

    String type();

    record SupervisorStarted(ProcessRef supervisor) implements DistributedSupervisorEvent {
        public String type() { return "supervisor_started"; }
    }

    record ChildStarted(ProcessRef supervisor, String childId, ProcessRef child, NodeId nodeId) implements DistributedSupervisorEvent {
        public String type() { return "child_started"; }
    }

    record ChildStopped(ProcessRef supervisor, String childId, ExitReason reason) implements DistributedSupervisorEvent {
        public String type() { return "child_stopped"; }
    }

    record ChildRestarted(ProcessRef supervisor, String childId, ProcessRef child, NodeId nodeId, int attempt)
            implements DistributedSupervisorEvent {
        public String type() { return "child_restarted"; }
    }

    record ChildMigrated(ProcessRef supervisor, String childId, NodeId fromNode, NodeId toNode) implements DistributedSupervisorEvent {
        public String type() { return "child_migrated"; }
    }

    record NodeFailureDetected(ProcessRef supervisor, NodeId nodeId, List<String> affectedChildren) implements DistributedSupervisorEvent {
        public String type() { return "node_failure_detected"; }
    }

    record SupervisorStopped(ProcessRef supervisor, ExitReason reason) implements DistributedSupervisorEvent {
        public String type() { return "supervisor_stopped"; }
    }
}
