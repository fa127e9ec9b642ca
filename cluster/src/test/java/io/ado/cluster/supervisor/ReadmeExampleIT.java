package io.ado.cluster.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.ClusterConfig;
import io.ado.cluster.ClusterNode;
import io.ado.runtime.Behavior;
import io.ado.runtime.BehaviorRegistry;
import io.ado.runtime.From;
import io.ado.runtime.Result;
import io.ado.runtime.StartOptions;
import io.ado.runtime.supervisor.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The usage example of cluster/README.md, on ephemeral ports: it must keep doing what the README says. */
class ReadmeExampleIT {
    static final class Counter implements Behavior<Integer> {
        @Override public Integer init(Object args) { return 0; }
        @Override public Result<Integer> handleCall(Object msg, From from, Integer n) { return Result.reply(n + 1, n + 1); }
    }

    @Test
    void twoNodesARemoteCallAndAChildThatMigrates() {
        String secret = "readme-secret";
        ClusterNode a = ClusterNode.builder(ClusterConfig.builder("a").host("127.0.0.1").port(0).clusterSecret(secret).build()).start();
        ClusterNode b = ClusterNode.builder(ClusterConfig.builder("b").host("127.0.0.1").port(0).clusterSecret(secret)
                .seeds(a.getLocalNodeId().toString()).build()).start();
        List<DistributedSupervisorEvent> events = new CopyOnWriteArrayList<>();
        Runnable unsubscribe = DistributedSupervisor.onLifecycleEvent(events::add);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> a.getConnectedNodes().size() == 1 && b.getConnectedNodes().size() == 1);

            b.runtime().start(new Counter(), null, StartOptions.named("counter"));
            assertThat(a.call(b.getLocalNodeId(), "counter", "inc", Duration.ofSeconds(5))).isEqualTo(1);

            BehaviorRegistry registry = new BehaviorRegistry();
            registry.register("counter", Counter::new);
            RemoteSpawn.install(a, registry);
            RemoteSpawn.install(b, registry);
            DistributedSupervisor sup = DistributedSupervisor.start(a, DistributedSupervisorOptions.builder()
                    .strategy(Strategy.ONE_FOR_ONE)
                    .nodeSelector(NodeSelector.ROUND_ROBIN)
                    .child(DistributedChildSpec.of("c1", "counter"))
                    .child(DistributedChildSpec.of("c2", "counter"))
                    .registry(registry)
                    .build());
            assertThat(sup.getChildren()).extracting(DistributedChildInfo::node).containsExactly(a.getLocalNodeId(), b.getLocalNodeId());
            b.stop();
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e instanceof DistributedSupervisorEvent.ChildMigrated));
            assertThat(events).filteredOn(e -> e instanceof DistributedSupervisorEvent.NodeFailureDetected).singleElement()
                    .extracting(e -> ((DistributedSupervisorEvent.NodeFailureDetected) e).affectedChildren()).isEqualTo(List.of("c2"));
            assertThat(sup.getChildren()).extracting(DistributedChildInfo::node).containsOnly(a.getLocalNodeId());
            sup.stop();
        } finally {
            unsubscribe.run();
            b.stop();
            a.stop();
        }
    }
}
