package io.ado.controller.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The shell's role changes, driven step by step with a fake clock over an in-memory lease row. */
class LeaderLeaseTest {
    static final class MemoryTable implements LeaseTable {
        LeaseRow row = LeaseRow.VACANT;
        boolean down;

        @Override
        public synchronized LeaseDecision step(Function<LeaseRow, LeaseDecision> decide) {
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

    static final class MutableClock extends Clock {
        Instant now = Instant.ofEpochMilli(1_000_000);

        void advance(Duration d) { now = now.plus(d); }

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    final MemoryTable table = new MemoryTable();
    final MutableClock clock = new MutableClock();
    final List<String> events = new ArrayList<>();

    LeaderLease replica(String id) {
        return new LeaderLease(table, id, "http://" + id, clock, new LeaderLease.Listener() {
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
}
