package io.ado.bench.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.ClusterConfig;
import io.ado.cluster.ClusterNode;
import io.ado.cluster.NodeId;
import io.ado.cluster.membership.NodeInfo;
import io.ado.cluster.supervisor.DistributedChildInfo;
import io.ado.cluster.supervisor.DistributedSupervisor;
import io.ado.cluster.supervisor.RemoteSpawn;
import io.ado.runtime.BehaviorRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DistributedWorkersExampleIT {
    private final List<ClusterNode> nodes = new ArrayList<>();
    private final List<BehaviorRegistry> registries = new ArrayList<>();

    @Test void theSeedExampleSpreadsFourWorkersOverThreeNodes() {
        start("supervisor", "worker1", "worker2");
        registries.forEach(DistributedWorkersExample::registerBehaviors);
        DistributedSupervisor sup = DistributedWorkersExample.startSupervisor(nodes.get(0), registries.get(0));
        var stats = sup.getStats();
        assertThat(stats.childCount()).isEqualTo(4);
        assertThat(stats.childrenByNode().keySet()).containsExactlyInAnyOrder(id(0), id(1), id(2));
        assertThat(stats.childrenByNode().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
        for (DistributedChildInfo c : sup.getChildren()) {
            nodes.get(0).cast(c.ref(), "work");
            assertThat(nodes.get(0).call(c.ref(), "status", Duration.ofSeconds(5))).isEqualTo(1);
        }
        sup.stop();
        assertThat(sup.isAlive()).isFalse();
    }

    /** Nodes on 127.0.0.1 seeded by the first, each with its own registry and spawner, in a full mesh. */
    private void start(String... names) {
        for (String name : names) {
            ClusterConfig.Builder cfg = ClusterConfig.builder(name).host("127.0.0.1").port(0)
                    .heartbeatIntervalMs(100).heartbeatMissThreshold(5) // a loaded 2-core machine must not make a node flap
                    .reconnectBaseDelayMs(20).reconnectMaxDelayMs(300).connectTimeoutMs(3000);
            if (!nodes.isEmpty()) cfg.seeds(id(0).toString());
            ClusterNode n = ClusterNode.builder(cfg.build()).start();
            BehaviorRegistry registry = new BehaviorRegistry();
            RemoteSpawn.install(n, registry);
            nodes.add(n);
            registries.add(registry);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> nodes.stream()
                .allMatch(n -> n.getConnectedNodes().stream().map(NodeInfo::id).count() == nodes.size() - 1));
    }

    private NodeId id(int i) { return nodes.get(i).getLocalNodeId(); }

    @AfterEach void stop() { nodes.forEach(ClusterNode::stop); }
}
