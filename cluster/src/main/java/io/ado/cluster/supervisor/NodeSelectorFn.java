package io.ado.cluster.supervisor;

import io.ado.cluster.NodeId;
import io.ado.cluster.membership.NodeInfo;
import java.util.List;

/** A custom placement rule: given the available nodes and the child id, pick one of them. */
@FunctionalInterface
public interface NodeSelectorFn {
    NodeId select(List<NodeInfo> nodes, String childId);
}
