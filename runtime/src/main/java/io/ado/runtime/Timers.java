package io.ado.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A runtime's timers (Erlang's {@code erlang:send_after} and {@code timer:send_interval}): a
 * timer only delivers a message, so the work it starts runs in the target process like any
 * other message. The scheduler is injected: tests pass a {@code ManualClock}'s, so time moves
 * only when the test advances it; otherwise one daemon thread per runtime, started on first use.
 */
final class Timers implements AutoCloseable {
    private final String node;
    private final ScheduledExecutorService injected;
    private ScheduledExecutorService own;

    Timers(String node, ScheduledExecutorService injected) {
        this.node = node;
        this.injected = injected;
    }

    TimerRef after(Duration delay, Runnable deliver, String description) {
        requirePositiveOrZero(delay);
        return new TimerRef(scheduler().schedule(deliver, delay.toNanos(), TimeUnit.NANOSECONDS), description);
    }

    TimerRef every(Duration period, Runnable deliver, String description) {
        if (period.isZero() || period.isNegative()) throw new IllegalArgumentException("period must be positive: " + period);
        long ns = period.toNanos();
        return new TimerRef(scheduler().scheduleAtFixedRate(deliver, ns, ns, TimeUnit.NANOSECONDS), description);
    }

    static boolean cancel(TimerRef t) { return t.future.cancel(false); }

    private synchronized ScheduledExecutorService scheduler() {
        if (injected != null) return injected;
        if (own == null) {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "ado-timers-" + node);
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true); // a cancelled heartbeat timer must not linger until its due time
            own = e;
        }
        return own;
    }

    private static void requirePositiveOrZero(Duration d) {
        Objects.requireNonNull(d, "delay");
        if (d.isNegative()) throw new IllegalArgumentException("delay must not be negative: " + d);
    }

    /** Stops the runtime's own timer thread; an injected scheduler belongs to whoever made it. */
    @Override
    public synchronized void close() {
        if (own != null) own.shutdownNow();
        own = null;
    }
}
