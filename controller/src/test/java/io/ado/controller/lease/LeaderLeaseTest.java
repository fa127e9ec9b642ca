package io.ado.controller.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The shell's role changes, driven step by step (or by its timer) with a manual clock over an in-memory lease row. */
class LeaderLeaseTest {
    static final class MemoryTable implements LeaseTable {
        LeaseRow row = LeaseRow.VACANT;
        boolean down;
        int rounds;

        @Override
        public synchronized LeaseDecision step(Function<LeaseRow, LeaseDecision> decide) {
            rounds++;
            if (down) throw new IllegalStateException("connection refused");
            LeaseDecision d = decide.apply(row);
            if (d instanceof LeaseDecision.Acquire a) row = a.next();
            if (d instanceof LeaseDecision.Renew r) row = r.next();
            return d;
        }

        @Override
        public synchronized void release(String holder) {
            if (row.holder().equals(holder)) row = new LeaseRow(row.holder(), row.url(), row.fencing(), 0);
        }
    }

    final MemoryTable table = new MemoryTable();
    final ManualClock clock = new ManualClock();
    final List<String> events = new ArrayList<>();

    LeaderLease replica(String id) {
        return new LeaderLease(table, id, "http://" + id, clock, clock.scheduler(), new LeaderLease.Listener() {
            @Override public void elected(long fencing) { events.add(id + " elected " + fencing); }
            @Override public void deposed(String why) { events.add(id + " deposed"); }
        });
    }

    @Test
    void oneLeadsTheOtherFollowsAndTakesOverOnlyAfterTheTtlWithAHigherFencingNumber() {
        LeaderLease a = replica("a"), b = replica("b");
        a.step();
        b.step();
        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();
        assertThat(b.leaderUrl()).isEqualTo("http://a");

        clock.advance(LeaderLease.TTL.minusMillis(1)); // a went silent, but its lease still runs
        b.step();
        assertThat(b.isLeader()).isFalse();

        clock.advance(Duration.ofMillis(1));
        b.step();
        assertThat(b.isLeader()).isTrue();
        assertThat(b.fencing()).isEqualTo(a.fencing() + 1);

        a.step(); // a wakes up: it learns it lost and steps down
        assertThat(a.isLeader()).isFalse();
        assertThat(events).containsExactly("a elected 1", "b elected 2", "a deposed");
    }

    @Test
    void aLeaderThatCannotReachTheStoreStepsDownOnlyOnceItsLeaseLapsed() {
        LeaderLease a = replica("a");
        a.step();
        table.down = true;
        clock.advance(LeaderLease.TTL.minusMillis(1));
        a.step();
        assertThat(a.isLeader()).isTrue();
        clock.advance(Duration.ofMillis(1));
        a.step();
        assertThat(a.isLeader()).isFalse();
        table.down = false;
        a.step(); // nobody took it meanwhile: a leads again under the same number
        assertThat(events).containsExactly("a elected 1", "a deposed", "a elected 1");
    }

    @Test
    void closingTheLeaderHandsTheLeaseOverWithoutWaitingForTheTtl() {
        LeaderLease a = replica("a"), b = replica("b");
        a.step();
        a.close();
        b.step();
        assertThat(b.isLeader()).isTrue();
        assertThat(b.fencing()).isEqualTo(2);
    }

    @Test
    void theTimerRenewsExactlyWhenTheClockReachesTheRenewInterval() {
        LeaderLease a = replica("a").start(); // the first round runs at once
        long t0 = clock.millis();
        assertThat(a.isLeader()).isTrue();
        assertThat(table.row.expiresAt()).isEqualTo(t0 + LeaderLease.TTL.toMillis());

        clock.advance(LeaderLease.RENEW_EVERY.minusMillis(1));
        assertThat(table.rounds).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(table.rounds).isEqualTo(2);
        assertThat(table.row.expiresAt()).isEqualTo(t0 + LeaderLease.RENEW_EVERY.toMillis() + LeaderLease.TTL.toMillis());
        assertThat(table.row.fencing()).isEqualTo(1);

        clock.advance(LeaderLease.RENEW_EVERY.multipliedBy(3));
        assertThat(table.rounds).isEqualTo(5);
        assertThat(events).containsExactly("a elected 1");

        a.close();
        clock.advance(LeaderLease.RENEW_EVERY.multipliedBy(3));
        assertThat(table.rounds).isEqualTo(5); // closed: no more renewals
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void theNextRenewalNoticesThatAnotherReplicaTookTheLease() {
        LeaderLease a = replica("a").start();
        table.row = new LeaseRow("b", "http://b", 2, clock.millis() + LeaderLease.TTL.toMillis()); // b took over meanwhile

        clock.advance(LeaderLease.RENEW_EVERY);
        assertThat(a.isLeader()).isFalse();
        assertThat(a.leaderUrl()).isEqualTo("http://b");
        assertThat(events).containsExactly("a elected 1", "a deposed");
        a.close();
    }

    @Test
    void theTimerStepsDownAtTheFirstRenewalAfterTheLeaseLapsedWithTheStoreUnreachable() {
        LeaderLease a = replica("a").start();
        table.down = true;
        long renewalsBeforeLapse = LeaderLease.TTL.toMillis() / LeaderLease.RENEW_EVERY.toMillis(); // the last one before the TTL

        clock.advance(LeaderLease.RENEW_EVERY.multipliedBy(renewalsBeforeLapse));
        assertThat(a.isLeader()).isTrue(); // still within the lease it last wrote
        clock.advance(LeaderLease.RENEW_EVERY);
        assertThat(a.isLeader()).isFalse();
        assertThat(events).containsExactly("a elected 1", "a deposed");

        table.down = false;
        clock.advance(LeaderLease.RENEW_EVERY);
        assertThat(a.isLeader()).isTrue(); // the store is back and nobody took it
        assertThat(events).containsExactly("a elected 1", "a deposed", "a elected 1");
        a.close();
    }
}
