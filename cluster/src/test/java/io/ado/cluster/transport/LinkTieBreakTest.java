package io.ado.cluster.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.cluster.NodeId;
import org.junit.jupiter.api.Test;

class LinkTieBreakTest {
    private static final NodeId A = NodeId.parse("a@h:1");
    private static final NodeId B = NodeId.parse("b@h:2");

    @Test
    void theLinkDialedByTheSmallerIdWinsOnBothEnds() {
        LinkTieBreak.Candidate byA = new LinkTieBreak.Candidate(A, 99);
        LinkTieBreak.Candidate byB = new LinkTieBreak.Candidate(B, 1);
        assertThat(LinkTieBreak.keepFirst(byA, byB)).isTrue();  // A's view: existing byA, new byB
        assertThat(LinkTieBreak.keepFirst(byB, byA)).isFalse(); // B's view in the other order
    }

    @Test
    void sameDialerFallsBackToTheToken() {
        LinkTieBreak.Candidate low = new LinkTieBreak.Candidate(A, -5);
        LinkTieBreak.Candidate high = new LinkTieBreak.Candidate(A, 7);
        assertThat(LinkTieBreak.keepFirst(low, high)).isTrue();
        assertThat(LinkTieBreak.keepFirst(high, low)).isFalse();
    }
}
