package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.membership.NodeInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The seed's static API over the default node, next to an instance node in the same JVM. */
class ClusterFacadeIT {

    @Test
    void staticStartEventsAndStop() {
        ClusterNode started = Cluster.start(TestNodes.config("coordinator").clusterSecret("s").build());
        try (TestNodes t = new TestNodes()) {
            assertThat(Cluster.node()).isSameAs(started);
            assertThat(Cluster.getStatus()).isEqualTo(ClusterStatus.RUNNING);
            assertThatThrownBy(() -> Cluster.start(TestNodes.config("again").build())).hasMessageContaining("already running");
            List<NodeInfo> ups = new CopyOnWriteArrayList<>();
            List<NodeDownReason> downs = new CopyOnWriteArrayList<>();
            Cluster.onNodeUp(ups::add);
            Cluster.onNodeDown((id, reason) -> downs.add(reason));
            ClusterNode worker = t.start(TestNodes.config("worker1").clusterSecret("s").seeds(Cluster.getLocalNodeId().toString()));
            await().atMost(Duration.ofSeconds(5)).until(() -> Cluster.getConnectedNodes().size() == 1 && ups.size() == 1);
            assertThat(ups.getFirst().id()).isEqualTo(worker.getLocalNodeId());
            assertThat(Cluster.getUptimeMs()).isPositive();
            worker.stop();
            await().atMost(Duration.ofSeconds(5)).until(() -> downs.equals(List.of(NodeDownReason.GRACEFUL_SHUTDOWN)));
        } finally {
            Cluster.stop();
        }
        assertThat(Cluster.getStatus()).isEqualTo(ClusterStatus.STOPPED);
    }
}
