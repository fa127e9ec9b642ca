package io.ado.cluster.supervisor;

import io.ado.cluster.NodeDownReason;
import io.ado.cluster.NodeId;
import java.util.List;

/** Messages to the distributed supervisor process (local only; they never cross the wire). */
sealed interface DistributedRequest {
    record StartChild(DistributedChildSpec spec) implements DistributedRequest {}
    record StartSimple(List<Object> args) implements DistributedRequest {}
    record TerminateChild(String id) implements DistributedRequest {}
    record RestartChild(String id) implements DistributedRequest {}
    record GetChildren() implements DistributedRequest {}
    record GetStats() implements DistributedRequest {}

    /** From the cluster's onNodeDown listener, into the supervisor's mailbox. */
    record NodeDown(NodeId node, NodeDownReason reason) {}

    record Failed(RuntimeException error) {}
}
