package io.ado.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand, so timeouts happen exactly when the test says. */
final class ManualClock extends Clock {
    private final AtomicLong millis;

    ManualClock(Instant start) { this.millis = new AtomicLong(start.toEpochMilli()); }

    void advance(Duration d) { millis.addAndGet(d.toMillis()); }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }

    @Override public long millis() { return millis.get(); }
}
