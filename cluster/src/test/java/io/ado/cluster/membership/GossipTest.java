package io.ado.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.cluster.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GossipTest {
    private static final NodeId A = NodeId.parse("a@h:1");
    private static final NodeId B = NodeId.parse("b@h:2");
    private static final NodeId C = NodeId.parse("c@h:3");

    @Test
    void advertisesSelfAndConnectedPeersOnly() {
        Membership b = Membership.of(B).up(C, 0).learn(List.of(A), 0);
        assertThat(Gossip.advertised(b)).containsExactly(B, C);
    }

    @Test
    void newPeersExcludeSelfKnownAndLeft() {
        Membership a = Membership.of(A).up(B, 0).up(C, 0).leave(C);
        assertThat(Gossip.newPeers(a, List.of(A, B, C))).isEmpty();
        assertThat(Gossip.newPeers(Membership.of(A).up(B, 0), List.of(B, C, C))).containsExactly(C);
    }

    @Test
    void parseSkipsEntriesThatAreNotNodeIds() {
        assertThat(Gossip.parse(List.of("a@h:1", "garbage", "b@h:2"))).containsExactly(A, B);
        assertThat(Gossip.parse(null)).isEmpty();
    }

    /** The seed's picture: A knows B, B knows C; rounds of gossip + dials reach a full mesh. */
    @Test
    void roundsOfGossipReachFullMesh() {
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) ids.add(NodeId.parse("n" + i + "@h:" + (100 + i)));
        List<Membership> views = new ArrayList<>();
        views.add(Membership.of(ids.get(0)));
        for (int i = 1; i < ids.size(); i++) views.add(Membership.of(ids.get(i)).up(ids.get(0), 0)); // all joined one seed
        views.set(0, views.get(0).learn(ids.subList(1, ids.size()), 0));
        for (int i = 1; i < ids.size(); i++) views.set(0, views.get(0).up(ids.get(i), 0));
        int rounds = 0;
        while (!allConverged(views, ids.size() - 1) && rounds++ < 5) {
            List<Membership> next = new ArrayList<>(views);
            for (int i = 0; i < ids.size(); i++) {
                for (NodeId peer : views.get(i).upNodes()) {
                    int j = ids.indexOf(peer);
                    Membership merged = Gossip.merge(next.get(j), Gossip.advertised(views.get(i)), rounds);
                    for (NodeId fresh : Gossip.newPeers(next.get(j), Gossip.advertised(views.get(i)))) merged = merged.up(fresh, rounds); // dial succeeded
                    next.set(j, merged);
                }
            }
            views = next;
        }
        assertThat(rounds).isLessThanOrEqualTo(2);
        for (Membership v : views) assertThat(v.upNodes()).hasSize(ids.size() - 1);
    }

    private static boolean allConverged(List<Membership> views, int peers) {
        return views.stream().allMatch(v -> Gossip.converged(v, peers));
    }
}
