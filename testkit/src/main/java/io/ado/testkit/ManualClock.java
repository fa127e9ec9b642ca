package io.ado.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to: for tests of timeouts, windows, heartbeats and
 * backoffs. {@link #scheduler()} is a {@link ScheduledExecutorService} on this clock: what is
 * scheduled on it runs inside {@link #advance}, in due-time order, on the advancing thread.
 */
public final class ManualClock extends Clock {
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong millis;
    private final ManualScheduler scheduler = new ManualScheduler(this);

    public ManualClock(Instant start) { this.millis = new AtomicLong(start.toEpochMilli()); }

    public ManualClock(long startMillis) { this.millis = new AtomicLong(startMillis); }

    public ManualClock() { this(DEFAULT_START); }

    /** Moves time forward by {@code d}, running every timer that falls due on the way, each at its own due time. */
    public void advance(Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("time does not go back: " + d);
        scheduler.runUntil(millis.get() + d.toMillis());
    }

    /** Sets the time; timers due by then run first, as with {@link #advance}. A step back runs nothing. */
    public void set(Instant t) {
        if (t.toEpochMilli() > millis.get()) scheduler.runUntil(t.toEpochMilli());
        else millis.set(t.toEpochMilli());
    }

    /** The scheduler whose timers this clock fires. */
    public ScheduledExecutorService scheduler() { return scheduler; }

    /** Timers scheduled and not yet run or cancelled. */
    public int pendingTimers() { return scheduler.pending(); }

    void moveTo(long t) { millis.accumulateAndGet(t, Math::max); }

    @Override public long millis() { return millis.get(); }

    @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }
}
