package io.ado.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.cluster.NodeId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipTest {
    private static final NodeId A = NodeId.parse("a@h:1");
    private static final NodeId B = NodeId.parse("b@h:2");
    private static final NodeId C = NodeId.parse("c@h:3");

    @Test
    void learningAddsUnknownPeersDisconnectedAndDueNow() {
        Membership m = Membership.of(A).learn(List.of(A, B, C, B), 100);
        assertThat(m.members()).extracting(Member::id).containsExactlyInAnyOrder(B, C);
        assertThat(m.get(B).orElseThrow().status()).isEqualTo(NodeStatus.DISCONNECTED);
        assertThat(m.dueForDial(100)).containsExactly(B, C);
        assertThat(m.learn(List.of(B), 200)).isSameAs(m);
    }

    @Test
    void connectingThenUpThenHeartbeat() {
        Membership m = Membership.of(A).learn(List.of(B), 0).connecting(B);
        assertThat(m.get(B).orElseThrow().status()).isEqualTo(NodeStatus.CONNECTING);
        assertThat(m.dueForDial(0)).isEmpty();
        m = m.up(B, 10).heartbeat(B, 50, 7, 1234);
        Member b = m.get(B).orElseThrow();
        assertThat(b.isUp()).isTrue();
        assertThat(b.info()).isEqualTo(new NodeInfo(B, NodeStatus.CONNECTED, 7, 1234, 50));
        assertThat(m.upNodes()).containsExactly(B);
    }

    @Test
    void disconnectedCountsAttemptsAndSchedulesTheRetry() {
        Membership m = Membership.of(A).up(B, 0).disconnected(B, 500);
        assertThat(m.isUp(B)).isFalse();
        assertThat(m.dueForDial(499)).isEmpty();
        assertThat(m.dueForDial(500)).containsExactly(B);
        m = m.connecting(B).disconnected(B, 1500);
        assertThat(m.get(B).orElseThrow().attempts()).isEqualTo(2);
        assertThat(m.up(B, 2000).get(B).orElseThrow().attempts()).isZero();
    }

    @Test
    void heartbeatsFromUnknownOrDownPeersChangeNothing() {
        Membership m = Membership.of(A).learn(List.of(B), 0);
        assertThat(m.heartbeat(B, 10, 1, 1)).isSameAs(m);
        assertThat(m.heartbeat(C, 10, 1, 1)).isSameAs(m);
    }

    @Test
    void aPeerThatLeftIsNotReAddedByGossipButMayReconnect() {
        Membership m = Membership.of(A).up(B, 0).leave(B);
        assertThat(m.get(B)).isEmpty();
        assertThat(m.hasLeft(B)).isTrue();
        assertThat(m.learn(List.of(B), 10).get(B)).isEmpty();
        Membership back = m.up(B, 20);
        assertThat(back.isUp(B)).isTrue();
        assertThat(back.hasLeft(B)).isFalse();
    }

    @Test
    void valuesAreImmutable() {
        Membership before = Membership.of(A).learn(List.of(B), 0);
        Membership after = before.up(B, 5);
        assertThat(before.isUp(B)).isFalse();
        assertThat(after.isUp(B)).isTrue();
        assertThat(Membership.of(A).up(A, 0).members()).isEmpty();
    }
}
