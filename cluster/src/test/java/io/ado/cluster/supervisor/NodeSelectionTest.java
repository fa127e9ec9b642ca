package io.ado.cluster.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.cluster.NodeId;
import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.membership.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class NodeSelectionTest {
    private static final NodeId A = NodeId.parse("a@h:1"), B = NodeId.parse("b@h:2"), C = NodeId.parse("c@h:3");
    private static final RandomGenerator RND = new SplittableRandom(7);

    private static NodeInfo info(NodeId id, int processes) { return new NodeInfo(id, NodeStatus.CONNECTED, processes, 0, 0); }

    private static final List<NodeInfo> NODES = List.of(info(C, 5), info(A, 9), info(B, 2)); // unsorted on purpose

    private static NodeId pick(NodeSelector s, NodeId local, Set<NodeId> excluded, long cursor) {
        return NodeSelection.choose(s, local, NODES, excluded, "child", cursor, RND).node();
    }

    @Test void localFirstPrefersTheLocalNodeThenTheFirstOther() {
        assertThat(pick(NodeSelector.LOCAL_FIRST, B, Set.of(), 0)).isEqualTo(B);
        assertThat(pick(NodeSelector.LOCAL_FIRST, B, Set.of(B), 0)).isEqualTo(A);
    }

    @Test void roundRobinWalksTheNodesInIdOrderAndAdvancesTheCursor() {
        List<NodeId> picked = new ArrayList<>();
        long cursor = 0;
        for (int i = 0; i < 4; i++) {
            var c = NodeSelection.choose(NodeSelector.ROUND_ROBIN, A, NODES, Set.of(), "w" + i, cursor, RND);
            picked.add(c.node());
            cursor = c.nextCursor();
        }
        assertThat(picked).containsExactly(A, B, C, A);
    }

    @Test void leastLoadedTakesTheFewestProcessesTiesByNodeId() {
        assertThat(pick(NodeSelector.LEAST_LOADED, A, Set.of(), 0)).isEqualTo(B);
        var tied = List.of(info(C, 1), info(B, 1), info(A, 4));
        assertThat(NodeSelection.choose(NodeSelector.LEAST_LOADED, A, tied, Set.of(), "x", 0, RND).node()).isEqualTo(B);
    }

    @Test void randomIsDrawnFromTheInjectedGeneratorAndStaysAmongCandidates() {
        var first = NodeSelection.choose(NodeSelector.RANDOM, A, NODES, Set.of(), "x", 0, new SplittableRandom(42)).node();
        var again = NodeSelection.choose(NodeSelector.RANDOM, A, NODES, Set.of(), "x", 0, new SplittableRandom(42)).node();
        assertThat(first).isEqualTo(again).isIn(A, B, C);
        for (int i = 0; i < 50; i++) assertThat(pick(NodeSelector.RANDOM, A, Set.of(C), 0)).isIn(A, B);
    }

    @Test void specificNodeMustBeAvailable() {
        assertThat(pick(NodeSelector.node(C), A, Set.of(), 0)).isEqualTo(C);
        assertThatThrownBy(() -> pick(NodeSelector.node(NodeId.parse("gone@h:9")), A, Set.of(), 0))
                .isInstanceOf(NoAvailableNodeException.class).hasMessageContaining("gone@h:9").hasMessageContaining("not available");
    }

    @Test void customSelectorIsHonouredAndCheckedAgainstTheCandidates() {
        NodeSelectorFn byPrefix = (nodes, childId) -> nodes.stream().filter(n -> n.id().name().equals(childId.split("-")[0]))
                .findFirst().map(NodeInfo::id).orElse(nodes.getFirst().id());
        assertThat(NodeSelection.choose(NodeSelector.custom(byPrefix), A, NODES, Set.of(), "c-worker-1", 0, RND).node()).isEqualTo(C);
        assertThat(NodeSelection.choose(NodeSelector.custom(byPrefix), A, NODES, Set.of(), "zz-1", 0, RND).node()).isEqualTo(A);
        assertThatThrownBy(() -> NodeSelection.choose(NodeSelector.custom((n, id) -> NodeId.parse("x@y:1")), A, NODES, Set.of(), "k", 0, RND))
                .isInstanceOf(NoAvailableNodeException.class).hasMessageContaining("not one of the available nodes");
    }

    @Test void nothingLeftIsAClearError() {
        assertThatThrownBy(() -> pick(NodeSelector.LOCAL_FIRST, A, Set.of(A, B, C), 0))
                .isInstanceOf(NoAvailableNodeException.class).hasMessageContaining("no node available for child 'child'");
    }

    @Test void parsesTheSeedNames() {
        assertThat(NodeSelector.parse("round_robin")).isEqualTo(NodeSelector.ROUND_ROBIN);
        assertThat(NodeSelector.parse("least_loaded")).isEqualTo(NodeSelector.LEAST_LOADED);
        assertThat(NodeSelector.parse("a@h:1")).isEqualTo(NodeSelector.node(A));
        assertThatThrownBy(() -> NodeSelector.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
    }
}
