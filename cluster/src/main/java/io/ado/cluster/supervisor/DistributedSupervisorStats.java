package io.ado.cluster.supervisor;

import io.ado.cluster.NodeId;
import io.ado.runtime.supervisor.Strategy;
import java.util.Map;

/** {@code getStats}: as seed 002 lists it. {@code childrenByNode} counts running children per node. */
public record DistributedSupervisorStats(String id, Strategy strategy, int childCount, Map<NodeId, Integer> childrenByNode,
                                         long totalRestarts, long nodeFailureRestarts, long uptimeMs) {}
