package io.ado.controller.balancer;

import static io.ado.controller.balancer.LoadBalancerTest.idle;
import static io.ado.controller.balancer.LoadBalancerTest.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementExplanationTest {
    private final LoadBalancer lb = new LoadBalancer(5);
    private static final TaskSpec GPU = new TaskSpec("train", "shell", null, null, null, null, List.of("gpu"), null);

    @Test
    void placeableTaskHasNoReason() {
        assertThat(lb.explain(ClusterSnapshot.of(List.of(idle("a"))), TaskSpec.shell("true"))).isNull();
    }

    @Test
    void noWorkerAtAll() {
        assertThat(lb.explain(ClusterSnapshot.of(List.of()), TaskSpec.shell("true"))).isEqualTo("no worker registered");
    }

    @Test
    void namesOnlyTheCapabilityNobodyOffers() {
        var snap = ClusterSnapshot.of(List.of(idle("a"), idle("b")));
        assertThat(lb.explain(snap, GPU)).isEqualTo("no worker has capability gpu");
        TaskSpec both = new TaskSpec("x", "shell", null, null, null, null, List.of("gpu", "tpu"), null);
        assertThat(lb.explain(snap, both)).isEqualTo("no worker has capabilities gpu, tpu");
        var split = ClusterSnapshot.of(List.of(worker("g", WorkerStatus.IDLE, 0, 4, "api", null, 0, 0, "shell", "gpu"),
                worker("t", WorkerStatus.IDLE, 0, 4, "api", null, 0, 0, "shell", "tpu")));
        assertThat(lb.explain(split, both)).isEqualTo("no single worker has all of capabilities shell, gpu, tpu");
    }

    @Test
    void containerTaskWithoutAnEngine() {
        assertThat(lb.explain(ClusterSnapshot.of(List.of(idle("a"))), TaskSpec.container("echo", "busybox")))
                .isEqualTo("needs the container capability: no worker has a container engine");
    }

    @Test
    void everyEligibleWorkerFull() {
        var snap = ClusterSnapshot.of(List.of(idle("cpu-only"),
                worker("g1", WorkerStatus.BUSY, 4, 4, "api", null, 0, 0, "shell", "gpu"),
                worker("g2", WorkerStatus.BUSY, 5, 8, "api", null, 0, 0, "shell", "gpu"),
                worker("g3", WorkerStatus.BUSY, 2, 2, "api", null, 0, 0, "shell", "gpu")));
        assertThat(lb.explain(snap, GPU)).isEqualTo("all 3 eligible workers full");
        assertThat(lb.explain(ClusterSnapshot.of(List.of(worker("w", WorkerStatus.BUSY, 4, 4, "api", null, 0, 0))), TaskSpec.shell("x")))
                .isEqualTo("the only eligible worker is full");
    }

    @Test
    void fullAndUnavailableWorkersAreCounted() {
        var snap = ClusterSnapshot.of(List.of(worker("full", WorkerStatus.BUSY, 4, 4, "api", null, 0, 0),
                worker("sick", WorkerStatus.UNHEALTHY, 0, 4, "api", null, 0, 0),
                worker("leaving", WorkerStatus.DRAINING, 0, 4, "api", null, 0, 0),
                worker("leaving2", WorkerStatus.DRAINING, 0, 4, "api", null, 0, 0)));
        assertThat(lb.explain(snap, TaskSpec.shell("x"))).isEqualTo("all 4 eligible workers unavailable: 1 full, 2 draining, 1 unhealthy");
        assertThat(lb.explain(ClusterSnapshot.of(List.of(worker("d", WorkerStatus.DRAINING, 0, 4, "api", null, 0, 0))), TaskSpec.shell("x")))
                .isEqualTo("the only eligible worker is draining");
    }

    @Test
    void groupAlreadyEverywhere() {
        TaskSpec instance = new TaskSpec("x", "shell", null, null, null, null, null, null, "g1");
        var snap = ClusterSnapshot.of(List.of(idle("a"), idle("b")), Map.of("a", Set.of("g1"), "b", Set.of("g1")));
        assertThat(lb.explain(snap, instance)).isEqualTo("group g1 already running on every eligible worker");
        assertThat(lb.explain(ClusterSnapshot.of(List.of(idle("a"), idle("b")), Map.of("a", Set.of("g1"))), instance)).isNull();
    }
}
