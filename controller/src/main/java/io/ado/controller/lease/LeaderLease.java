package io.ado.controller.lease;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps trying to hold the controller lease and tells the {@link Listener} when this replica
 * becomes leader or stops being one. Safety does not depend on timing: every write of the
 * leader is checked against the fencing number in the store's commit. Timing only bounds how
 * long the fleet waits for a new leader: at most the TTL plus one renew interval.
 *
 * <p>Renewals run on a {@link ScheduledExecutorService} (injected; tests pass a
 * {@code ManualClock}'s, so a renewal happens exactly when the test advances the clock).
 */
public final class LeaderLease implements AutoCloseable {
    public static final Duration TTL = Duration.ofSeconds(2);
    public static final Duration RENEW_EVERY = Duration.ofMillis(300);
    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

    public interface Listener {
        void elected(long fencing);

        void deposed(String why);
    }

    private final LeaseTable table;
    private final String me;
    private final String myUrl;
    private final Clock clock;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private volatile boolean leader;
    private volatile long fencing;
    private volatile long heldUntil;
    private volatile String leaderUrl;
    private ScheduledFuture<?> renewals;

    /** Renews on a daemon thread of its own. */
    public LeaderLease(LeaseTable table, String me, String myUrl, Clock clock, Listener listener) {
        this(table, me, myUrl, clock, ownScheduler(), true, listener);
    }

    /** Renews on {@code scheduler}, which stays its owner's: {@link #close} does not shut it down. */
    public LeaderLease(LeaseTable table, String me, String myUrl, Clock clock, ScheduledExecutorService scheduler,
                       Listener listener) {
        this(table, me, myUrl, clock, scheduler, false, listener);
    }

    private LeaderLease(LeaseTable table, String me, String myUrl, Clock clock, ScheduledExecutorService scheduler,
                        boolean ownScheduler, Listener listener) {
        this.table = table;
        this.me = me;
        this.myUrl = myUrl;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ownScheduler = ownScheduler;
        this.listener = listener;
    }

    private static ScheduledExecutorService ownScheduler() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("leader-lease").unstarted(r));
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /** Tries once now (so a lone replica leads before it serves), then every {@link #RENEW_EVERY}. */
    public LeaderLease start() {
        step();
        long every = RENEW_EVERY.toNanos();
        renewals = scheduler.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.NANOSECONDS);
        return this;
    }

    /** A periodic task that throws is never run again: a listener's failure must not end the renewals. */
    private void renew() {
        try {
            step();
        } catch (RuntimeException e) {
            log.error("lease: renewal round failed", e);
        }
    }

    /** One round: read, decide, write; then tell the listener if the role changed. */
    public void step() {
        LeaseDecision d;
        try {
            d = table.step(row -> LeaseDecision.decide(row, me, myUrl, clock.millis(), TTL.toMillis()));
        } catch (RuntimeException e) {
            log.warn("lease: cannot reach the store: {}", e.getMessage());
            if (leader && clock.millis() >= heldUntil) stepDown("the lease lapsed while the store was unreachable");
            return;
        }
        switch (d) {
            case LeaseDecision.Acquire a -> lead(a.next(), true);
            case LeaseDecision.Renew r -> lead(r.next(), false);
            case LeaseDecision.Follow f -> {
                leaderUrl = f.leaderUrl().isEmpty() ? null : f.leaderUrl();
                if (leader) stepDown("the lease is now held by " + f.leaderUrl());
            }
        }
    }

    private void lead(LeaseRow row, boolean takeover) {
        heldUntil = row.expiresAt();
        leaderUrl = myUrl;
        if (leader) return;
        leader = true;
        fencing = row.fencing();
        log.info("lease: this replica ({}) is the leader, fencing {}{}", myUrl, row.fencing(), takeover ? " (takeover)" : "");
        listener.elected(row.fencing());
    }

    private void stepDown(String why) {
        leader = false;
        log.warn("lease: stepping down: {}", why);
        listener.deposed(why);
    }

    public boolean isLeader() { return leader; }

    public long fencing() { return fencing; }

    /** The leader's URL as last read, ours when we lead; null when nobody holds the lease. */
    public String leaderUrl() { return leaderUrl; }

    @Override
    public void close() {
        if (renewals != null) renewals.cancel(false);
        if (ownScheduler) scheduler.shutdownNow();
        if (leader) {
            try {
                table.release(me);
            } catch (RuntimeException e) {
                log.warn("lease: could not release: {}", e.getMessage());
            }
        }
    }
}
