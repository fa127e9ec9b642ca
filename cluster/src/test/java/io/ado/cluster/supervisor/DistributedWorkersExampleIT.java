package io.ado.cluster.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.cluster.examples.DistributedWorkersExample;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DistributedWorkersExampleIT {
    @Test void theSeedExampleSpreadsFourWorkersOverThreeNodes() {
        try (Nodes nodes = Nodes.tcp("supervisor", "worker1", "worker2")) {
            nodes.registries.forEach(r -> r.unregister("worker")); // the harness pre-registers its own "worker"
            nodes.registries.forEach(DistributedWorkersExample::registerBehaviors);
            DistributedSupervisor sup = DistributedWorkersExample.startSupervisor(nodes.get(0), nodes.registries.get(0));
            var stats = sup.getStats();
            assertThat(stats.childCount()).isEqualTo(4);
            assertThat(stats.childrenByNode().keySet()).containsExactlyInAnyOrder(nodes.id(0), nodes.id(1), nodes.id(2));
            assertThat(stats.childrenByNode().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
            for (DistributedChildInfo c : sup.getChildren()) {
                nodes.get(0).cast(c.ref(), "work");
                assertThat(nodes.get(0).call(c.ref(), "status", Duration.ofSeconds(5))).isEqualTo(1);
            }
            sup.stop();
            assertThat(sup.isAlive()).isFalse();
        }
    }
}
