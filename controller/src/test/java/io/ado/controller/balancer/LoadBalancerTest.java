package io.ado.controller.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.controller.registry.WorkerEntry;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadBalancerTest {
    private final LoadBalancer lb = new LoadBalancer(5);

    static WorkerEntry worker(String id, WorkerStatus status, int running, int slots, String mode, String provider, long ok, long bad, String... caps) {
        Set<AttemptRef> r = new HashSet<>();
        for (int i = 0; i < running; i++) r.add(new AttemptRef(id + "-t" + i, 1));
        List<String> c = caps.length == 0 ? List.of("shell") : List.of(caps);
        return new WorkerEntry(id, "h", c, 2, 1 << 30, mode, provider, slots, status, 0, 0, 0, r, 0, 0, ok, bad);
    }

    static WorkerEntry idle(String id) { return worker(id, WorkerStatus.IDLE, 0, 4, "api", null, 0, 0); }

    @Test
    void seedScoreAddsItsFourTerms() {
        TaskSpec agentTask = new TaskSpec("fix it", "agent", "claude-code", null, null, null, null, null);
        WorkerEntry best = worker("w", WorkerStatus.BUSY, 2, 4, "subscription", "claude-code", 3, 1, "claude-code");
        // 100 + 50 + 30 * (1 - 2/4) + 20 + 20 * 0.75
        assertThat(lb.score(best, agentTask)).isEqualTo(100 + 50 + 15 + 20 + 15);
        assertThat(lb.score(idle("x"), TaskSpec.shell("true"))).isEqualTo(100 + 30 + 20);
    }

    @Test
    void picksTheHighestScoreAndPrefersSubscription() {
        var snap = ClusterSnapshot.of(List.of(idle("a"), worker("b", WorkerStatus.BUSY, 1, 4, "subscription", null, 0, 0)));
        assertThat(lb.choose(snap, TaskSpec.shell("true"))).isEqualTo(new Placement.Assign("b", 100 + 50 + 22.5 + 20));
    }

    @Test
    void equalScoresGoToTheSmallerIdSoDecisionsRepeat() {
        var snap = ClusterSnapshot.of(List.of(idle("c"), idle("a"), idle("b")));
        assertThat(((Placement.Assign) lb.choose(snap, TaskSpec.shell("true"))).workerId()).isEqualTo("a");
    }

    @Test
    void capabilitiesFilterFirst() {
        var snap = ClusterSnapshot.of(List.of(idle("a"), worker("gpu", WorkerStatus.IDLE, 0, 4, "api", null, 0, 0, "shell", "gpu")));
        TaskSpec needsGpu = new TaskSpec("train", "shell", null, null, null, null, List.of("gpu"), null);
        assertThat(((Placement.Assign) lb.choose(snap, needsGpu)).workerId()).isEqualTo("gpu");
        TaskSpec needsTpu = new TaskSpec("train", "shell", null, null, null, null, List.of("tpu"), null);
        assertThat(lb.choose(snap, needsTpu)).isInstanceOf(Placement.Queue.class);
        assertThat(((Placement.Queue) lb.choose(snap, needsTpu)).reason()).contains("tpu");
    }

    @Test
    void containerTasksGoOnlyToWorkersWithAnEngine() {
        WorkerEntry engine = worker("engine", WorkerStatus.BUSY, 3, 4, "api", null, 0, 0, "shell", "container");
        var snap = ClusterSnapshot.of(List.of(idle("a"), idle("b"), engine)); // a and b score higher: idle
        TaskSpec inBusybox = TaskSpec.container("echo hi", "local/busybox");
        assertThat(((Placement.Assign) lb.choose(snap, inBusybox)).workerId()).isEqualTo("engine");
        assertThat(((Placement.Assign) lb.choose(snap, TaskSpec.shell("echo hi"))).workerId()).isEqualTo("a");
        var noEngine = ClusterSnapshot.of(List.of(idle("a"), idle("b")));
        assertThat(lb.choose(noEngine, inBusybox)).isEqualTo(new Placement.Queue("no worker has capabilities [container]"));
        var engineFull = ClusterSnapshot.of(List.of(idle("a"), worker("engine", WorkerStatus.BUSY, 4, 4, "api", null, 0, 0, "shell", "container")));
        assertThat(lb.choose(engineFull, inBusybox)).isInstanceOf(Placement.Queue.class);
    }

    @Test
    void fullUnhealthyDrainingAndDisconnectedWorkersAreNotAvailable() {
        var snap = ClusterSnapshot.of(List.of(
                worker("full", WorkerStatus.BUSY, 4, 4, "api", null, 0, 0),
                worker("capped", WorkerStatus.BUSY, 5, 10, "api", null, 0, 0), // maxTasksPerWorker = 5
                worker("sick", WorkerStatus.UNHEALTHY, 0, 4, "api", null, 0, 0),
                worker("leaving", WorkerStatus.DRAINING, 0, 4, "api", null, 0, 0),
                worker("gone", WorkerStatus.DISCONNECTED, 0, 4, "api", null, 0, 0)));
        assertThat(lb.choose(snap, TaskSpec.shell("true"))).isInstanceOf(Placement.Queue.class);
        assertThat(lb.anyFree(snap)).isFalse();
    }

    @Test
    void placingInOneRoundSpreadsLoad() {
        var snap = ClusterSnapshot.of(List.of(idle("a"), idle("b")));
        var first = (Placement.Assign) lb.choose(snap, TaskSpec.shell("true"));
        snap = snap.with(snap.workers().stream().filter(w -> w.id().equals(first.workerId())).findFirst().orElseThrow().plus(new AttemptRef("t1", 1)));
        var second = (Placement.Assign) lb.choose(snap, TaskSpec.shell("true"));
        assertThat(second.workerId()).isNotEqualTo(first.workerId());
    }

    @Test
    void tasksOfOneGroupGoToDistinctWorkers() {
        TaskSpec instance = new TaskSpec("x", "shell", null, null, null, null, null, null, "run-1");
        var snap = ClusterSnapshot.of(List.of(idle("a"), idle("b")), Map.of("a", Set.of("run-1")));
        assertThat(((Placement.Assign) lb.choose(snap, instance)).workerId()).isEqualTo("b");
        snap = snap.with(snap.workers().get(1).plus(new AttemptRef("t2", 1)), "run-1");
        assertThat(lb.choose(snap, instance)).isInstanceOf(Placement.Queue.class);
        assertThat(lb.choose(snap, TaskSpec.shell("other"))).isInstanceOf(Placement.Assign.class); // no group, no constraint
    }
}
