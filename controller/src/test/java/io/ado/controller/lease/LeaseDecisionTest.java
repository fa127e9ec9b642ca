package io.ado.controller.lease;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaseDecisionTest {
    static final long TTL = 2_000;

    @Test
    void aVacantLeaseIsAcquiredWithTheFirstFencingNumber() {
        assertThat(LeaseDecision.decide(LeaseRow.VACANT, "a", "http://a", 1_000, TTL))
                .isEqualTo(new LeaseDecision.Acquire(new LeaseRow("a", "http://a", 1, 3_000)));
    }

    @Test
    void theHolderRenewsWithTheSameFencingNumberEvenAfterItLapsed() {
        LeaseRow held = new LeaseRow("a", "http://a", 7, 3_000);
        assertThat(LeaseDecision.decide(held, "a", "http://a", 2_900, TTL)).isEqualTo(new LeaseDecision.Renew(new LeaseRow("a", "http://a", 7, 4_900)));
        // Lapsed but nobody took it: nobody else wrote under another number, so keeping 7 is safe.
        assertThat(LeaseDecision.decide(held, "a", "http://a", 9_000, TTL)).isEqualTo(new LeaseDecision.Renew(new LeaseRow("a", "http://a", 7, 11_000)));
    }

    @Test
    void anotherReplicaFollowsALiveLeaseAndLearnsTheLeadersUrl() {
        LeaseRow held = new LeaseRow("a", "http://a", 7, 3_000);
        assertThat(LeaseDecision.decide(held, "b", "http://b", 2_999, TTL)).isEqualTo(new LeaseDecision.Follow("http://a"));
    }

    @Test
    void aLapsedLeaseIsTakenOverWithTheNextFencingNumber() {
        LeaseRow held = new LeaseRow("a", "http://a", 7, 3_000);
        assertThat(LeaseDecision.decide(held, "b", "http://b", 3_000, TTL)).isEqualTo(new LeaseDecision.Acquire(new LeaseRow("b", "http://b", 8, 5_000)));
    }

    @Test
    void aRestartedProcessOnTheSameUrlIsANewHolder() {
        LeaseRow held = new LeaseRow("a-old", "http://a", 7, 3_000);
        assertThat(LeaseDecision.decide(held, "a-new", "http://a", 1_000, TTL)).isEqualTo(new LeaseDecision.Follow("http://a"));
    }
}
