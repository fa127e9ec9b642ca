package io.ado.cluster.supervisor;

import io.ado.cluster.NodeId;
import io.ado.cluster.membership.NodeInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Turns a {@link NodeSelector} into a node: a pure function of the available nodes (the
 * local one included), the child, a round-robin cursor and a random generator, so every
 * strategy is tested without a cluster.
 */
public final class NodeSelection {
    private NodeSelection() {}

    /** The chosen node, and the round-robin cursor to use for the next placement. */
    public record Choice(NodeId node, long nextCursor) {}

    /**
     * @param nodes available nodes, including the local one; any order
     * @param excluded nodes that already refused this child (e.g. behaviour not registered there)
     * @throws NoAvailableNodeException when nothing fits
     */
    public static Choice choose(NodeSelector selector, NodeId local, List<NodeInfo> nodes, Set<NodeId> excluded,
                                String childId, long cursor, RandomGenerator random) {
        List<NodeInfo> candidates = nodes.stream().filter(n -> !excluded.contains(n.id()))
                .sorted(Comparator.comparing(NodeInfo::id)).toList();
        if (candidates.isEmpty()) {
            throw new NoAvailableNodeException("no node available for child '" + childId + "'"
                    + (excluded.isEmpty() ? "" : " (refused by " + excluded + ")"));
        }
        return switch (selector) {
            case NodeSelector.LocalFirst l -> new Choice(
                    candidates.stream().anyMatch(n -> n.id().equals(local)) ? local : candidates.getFirst().id(), cursor);
            case NodeSelector.RoundRobin r -> new Choice(candidates.get((int) Math.floorMod(cursor, candidates.size())).id(), cursor + 1);
            case NodeSelector.LeastLoaded l -> new Choice(candidates.stream()
                    .min(Comparator.comparingInt(NodeInfo::processCount).thenComparing(NodeInfo::id)).orElseThrow().id(), cursor);
            case NodeSelector.Random r -> new Choice(candidates.get(random.nextInt(candidates.size())).id(), cursor);
            case NodeSelector.Node n -> {
                if (candidates.stream().noneMatch(c -> c.id().equals(n.node()))) {
                    throw new NoAvailableNodeException("node " + n.node() + " chosen for child '" + childId + "' is not available");
                }
                yield new Choice(n.node(), cursor);
            }
            case NodeSelector.Custom c -> {
                NodeId picked = c.fn().select(candidates, childId);
                if (picked == null || candidates.stream().noneMatch(x -> x.id().equals(picked))) {
                    throw new NoAvailableNodeException("custom selector returned " + picked + " for child '" + childId
                            + "', which is not one of the available nodes " + candidates.stream().map(NodeInfo::id).toList());
                }
                yield new Choice(picked, cursor);
            }
        };
    }
}
