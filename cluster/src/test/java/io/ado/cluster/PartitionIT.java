package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.transport.InMemoryNetwork;
import io.ado.cluster.transport.InMemoryTransport;
import io.ado.cluster.transport.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionIT {

    @Test
    void aPartitionedNodeIsDownOnBothSidesAndComesBackAfterHeal() {
        InMemoryNetwork net = new InMemoryNetwork();
        try (TestNodes t = new TestNodes()) {
            ClusterNode a = t.start(TestNodes.config("a"), c -> ClusterNode.builder(c).transport(new InMemoryTransport(net)));
            ClusterNode b = t.start(TestNodes.config("b").seeds(a.getLocalNodeId().toString()),
                    c -> ClusterNode.builder(c).transport(new InMemoryTransport(net)));
            ClusterNode c = t.start(TestNodes.config("c").seeds(a.getLocalNodeId().toString()),
                    cfg -> ClusterNode.builder(cfg).transport(new InMemoryTransport(net)));
            List<ClusterNode> all = List.of(a, b, c);
            TestNodes.awaitFullMesh(all, Duration.ofSeconds(5));
            NodeId cid = c.getLocalNodeId();

            net.isolate(cid);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    !TestNodes.connected(a).contains(cid) && !TestNodes.connected(b).contains(cid) && c.getConnectedNodes().isEmpty());
            assertThat(t.downsOf(cid)).extracting(TestNodes.DownEvent::reason).containsOnly(NodeDownReason.HEARTBEAT_TIMEOUT);
            assertThat(t.downs.stream().filter(d -> cid.equals(d.observer())).map(TestNodes.DownEvent::node))
                    .containsExactlyInAnyOrder(a.getLocalNodeId(), b.getLocalNodeId());
            assertThat(TestNodes.connected(a)).containsExactly(b.getLocalNodeId()); // the majority side stays whole

            net.heal();
            TestNodes.awaitFullMesh(all, Duration.ofSeconds(5));
        }
    }

    /**
     * B hands its link over (as after a tie-break) and vanishes before the replacement exists:
     * A's redial is refused, so A reports connection_refused rather than waiting for the timeout.
     */
    @Test
    void anUpPeerThatCannotBeRedialedIsDownWithConnectionRefused() {
        InMemoryNetwork net = new InMemoryNetwork();
        try (TestNodes t = new TestNodes()) {
            ClusterNode a = t.start(TestNodes.config("a"), c -> ClusterNode.builder(c).transport(new InMemoryTransport(net)));
            ClusterNode b = t.start(TestNodes.config("b").seeds(a.getLocalNodeId().toString()),
                    c -> ClusterNode.builder(c).transport(new InMemoryTransport(net)));
            TestNodes.awaitFullMesh(List.of(a, b), Duration.ofSeconds(5));
            NodeId bid = b.getLocalNodeId();
            t.link(b, a.getLocalNodeId()).send(new WireMessage.Superseded()); // queued at A at once
            net.isolate(bid);
            await().atMost(Duration.ofSeconds(5)).until(() -> !t.downsOf(bid).isEmpty());
            assertThat(t.downsOf(bid).getFirst().reason()).isEqualTo(NodeDownReason.CONNECTION_REFUSED);
            assertThat(t.downsOf(bid).getFirst().observer()).isEqualTo(a.getLocalNodeId());
        }
    }

    @Test
    void inMemoryNodesFormAMeshThroughOneSeed() {
        InMemoryNetwork net = new InMemoryNetwork();
        try (TestNodes t = new TestNodes()) {
            ClusterNode seed = t.start(TestNodes.config("seed"), c -> ClusterNode.builder(c).transport(new InMemoryTransport(net)));
            List<ClusterNode> all = new ArrayList<>(List.of(seed));
            for (int i = 0; i < 4; i++) {
                all.add(t.start(TestNodes.config("w" + i).seeds(seed.getLocalNodeId().toString()),
                        c -> ClusterNode.builder(c).transport(new InMemoryTransport(net))));
            }
            TestNodes.awaitFullMesh(all, Duration.ofSeconds(5));
            assertThat(t.downs).isEmpty();
        }
    }
}
