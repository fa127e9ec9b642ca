package io.ado.cluster.supervisor;

import io.ado.cluster.NodeId;
import io.ado.runtime.ProcessRef;

/** One row of {@code getChildren}: where the child runs now (null ref/node when it is not running). */
public record DistributedChildInfo(String id, ProcessRef ref, NodeId node, int restartCount) {}
