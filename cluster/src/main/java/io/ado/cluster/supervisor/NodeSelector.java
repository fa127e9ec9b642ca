package io.ado.cluster.supervisor;

import io.ado.cluster.NodeId;
import java.util.Objects;

/**
 * Where a distributed child should run. The built-in strategies of seed 002, a fixed node,
 * or a custom function; {@link NodeSelection#choose} turns one into a node, purely.
 */
public sealed interface NodeSelector {
    /** The supervisor's own node if it is available, else the first other one. */
    record LocalFirst() implements NodeSelector {}

    /** Each placement takes the next node in NodeId order. */
    record RoundRobin() implements NodeSelector {}

    /** The node with the fewest processes (from heartbeats), ties broken by NodeId order. */
    record LeastLoaded() implements NodeSelector {}

    /** Uniformly among available nodes, from the supervisor's injected random generator. */
    record Random() implements NodeSelector {}

    /** Exactly this node; placement fails when it is not available. */
    record Node(NodeId node) implements NodeSelector {
        public Node { Objects.requireNonNull(node, "node"); }
    }

    /** Your own rule; it must return one of the nodes it is given. */
    record Custom(NodeSelectorFn fn) implements NodeSelector {
        public Custom { Objects.requireNonNull(fn, "fn"); }
    }

    NodeSelector LOCAL_FIRST = new LocalFirst();
    NodeSelector ROUND_ROBIN = new RoundRobin();
    NodeSelector LEAST_LOADED = new LeastLoaded();
    NodeSelector RANDOM = new Random();

    static NodeSelector node(NodeId id) { return new Node(id); }

    static NodeSelector custom(NodeSelectorFn fn) { return new Custom(fn); }

    /** Parses the seed's names: local_first, round_robin, least_loaded, random, or a NodeId. */
    static NodeSelector parse(String s) {
        return switch (s) {
            case "local_first" -> LOCAL_FIRST;
            case "round_robin" -> ROUND_ROBIN;
            case "least_loaded" -> LEAST_LOADED;
            case "random" -> RANDOM;
            default -> new Node(NodeId.parse(s));
        };
    }
}
