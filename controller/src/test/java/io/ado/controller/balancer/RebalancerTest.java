package io.ado.controller.balancer;

import static io.ado.controller.balancer.LoadBalancerTest.idle;
import static io.ado.controller.balancer.LoadBalancerTest.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.ado.controller.balancer.Rebalancer.Movable;
import io.ado.controller.balancer.Rebalancer.Move;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RebalancerTest {
    private final LoadBalancer lb = new LoadBalancer(5);

    private static List<Movable> movable(String worker, int n, TaskSpec spec) {
        return IntStream.range(0, n).mapToObj(i -> new Movable(worker + "-t" + i, 1, spec)).toList();
    }

    @Test
    void anOverloadedWorkerHandsTasksToUnderloadedOnesUntilItIsAtTheAverage() {
        // loads a=4 b=0 c=0 d=4 e=2, average 2: a and d are over 3, b and c under 1.
        var snap = ClusterSnapshot.of(List.of(worker("a", WorkerStatus.BUSY, 4, 4, "api", null, 0, 0), idle("b"), idle("c"),
                worker("d", WorkerStatus.BUSY, 4, 4, "api", null, 0, 0), worker("e", WorkerStatus.BUSY, 2, 4, "api", null, 0, 0)));
        List<Move> moves = Rebalancer.plan(snap, lb, Map.of("a", movable("a", 4, TaskSpec.shell("x")), "d", movable("d", 4, TaskSpec.shell("x"))));
        // a gives one to b and one to c and is at the average; b and c are then at 1, no longer under 0.5 x 2, so d keeps its four
        assertThat(moves).containsExactly(new Move("a-t0", 1, "a", "b"), new Move("a-t1", 1, "a", "c"));
    }

    @Test
    void onlyMovableTasksMoveAndOnlyToCapableWorkersWithRoom() {
        var snap = ClusterSnapshot.of(List.of(worker("a", WorkerStatus.BUSY, 4, 4, "api", null, 0, 0), idle("b"),
                worker("gpu", WorkerStatus.IDLE, 0, 4, "api", null, 0, 0, "shell", "gpu")));
        TaskSpec gpuTask = new TaskSpec("train", "shell", null, null, null, null, List.of("gpu"), null);
        List<Move> moves = Rebalancer.plan(snap, lb, Map.of("a", List.of(new Movable("a-t0", 1, gpuTask))));
        assertThat(moves).containsExactly(new Move("a-t0", 1, "a", "gpu"));
        assertThat(Rebalancer.plan(snap, lb, Map.of())).isEmpty(); // nothing movable (all running): nothing moves
    }

    @Test
    void aBalancedOrUnhealthyClusterIsLeftAlone() {
        var balanced = ClusterSnapshot.of(List.of(worker("a", WorkerStatus.BUSY, 2, 4, "api", null, 0, 0), worker("b", WorkerStatus.BUSY, 2, 4, "api", null, 0, 0)));
        assertThat(Rebalancer.plan(balanced, lb, Map.of("a", movable("a", 2, TaskSpec.shell("x"))))).isEmpty();
        var targetUnhealthy = ClusterSnapshot.of(List.of(worker("a", WorkerStatus.BUSY, 4, 4, "api", null, 0, 0),
                worker("b", WorkerStatus.UNHEALTHY, 0, 4, "api", null, 0, 0)));
        assertThat(Rebalancer.plan(targetUnhealthy, lb, Map.of("a", movable("a", 4, TaskSpec.shell("x"))))).isEmpty();
    }

    @Test
    void aGroupTaskDoesNotMoveOntoAWorkerRunningItsGroup() {
        TaskSpec grouped = new TaskSpec("x", "shell", null, null, null, null, null, null, "g");
        var snap = ClusterSnapshot.of(List.of(worker("a", WorkerStatus.BUSY, 4, 4, "api", null, 0, 0), idle("b"), idle("c")),
                Map.of("b", Set.of("g")));
        assertThat(Rebalancer.plan(snap, lb, Map.of("a", List.of(new Movable("a-t0", 1, grouped))))).containsExactly(new Move("a-t0", 1, "a", "c"));
    }

    @Test
    void oneRebalanceDoesNotMoveTwoTasksOfAGroupOntoOneWorker() {
        LoadBalancer roomy = new LoadBalancer(10);
        TaskSpec grouped = new TaskSpec("x", "shell", null, null, null, null, null, null, "g");
        // loads a=8 b=0 c=0 d=e=f=4, average 3.33: b stays under 0.5 x average after taking one; c cannot run shell tasks
        var snap = ClusterSnapshot.of(List.of(worker("a", WorkerStatus.BUSY, 8, 10, "api", null, 0, 0),
                worker("b", WorkerStatus.IDLE, 0, 10, "api", null, 0, 0), worker("c", WorkerStatus.IDLE, 0, 10, "api", null, 0, 0, "gpu"),
                worker("d", WorkerStatus.BUSY, 4, 10, "api", null, 0, 0), worker("e", WorkerStatus.BUSY, 4, 10, "api", null, 0, 0),
                worker("f", WorkerStatus.BUSY, 4, 10, "api", null, 0, 0)));
        List<Move> moves = Rebalancer.plan(snap, roomy, Map.of("a", List.of(new Movable("g1", 1, grouped), new Movable("g2", 1, grouped))));
        assertThat(moves).containsExactly(new Move("g1", 1, "a", "b"));
    }
}
