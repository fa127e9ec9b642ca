package io.ado.testkit;

import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ScheduledExecutorService} of a {@link ManualClock}. Nothing runs on a thread of
 * its own: {@link ManualClock#advance} moves the clock to each due time in turn and runs what
 * is due there, so a test sees timers fire in a fixed order. {@code execute} runs at the
 * current time on the next advance (an advance of zero runs it).
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final ManualClock clock;
    private final PriorityQueue<Timer<?>> queue = new PriorityQueue<>();
    private long seq;
    private boolean shutdown;

    ManualScheduler(ManualClock clock) { this.clock = clock; }

    /** Runs timers due up to {@code until} in due order, moving the clock to each, then leaves it at {@code until}. */
    void runUntil(long until) {
        while (true) {
            Timer<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.dueMillis > until) break;
                queue.poll();
            }
            clock.moveTo(next.dueMillis);
            next.fire();
        }
        clock.moveTo(until);
    }

    synchronized int pending() { return (int) queue.stream().filter(t -> !t.isCancelled()).count(); }

    private synchronized <V> Timer<V> add(Timer<V> t) {
        if (shutdown) throw new RejectedExecutionException("scheduler is shut down");
        queue.add(t);
        return t;
    }

    private synchronized void requeue(Timer<?> t) { if (!shutdown) queue.add(t); }

    private synchronized long nextSeq() { return seq++; }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Timer<>(Executors.callable(command, null), due(delay, unit), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Timer<>(callable, due(delay, unit), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(new Timer<>(Executors.callable(command, null), due(initialDelay, unit), positive(period, unit)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit); // no time passes while a task runs here
    }

    @Override public void execute(Runnable command) { schedule(command, 0, TimeUnit.MILLISECONDS); }

    @Override public synchronized void shutdown() { shutdown = true; }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = List.copyOf(queue);
        queue.clear();
        return left;
    }

    @Override public synchronized boolean isShutdown() { return shutdown; }

    @Override public synchronized boolean isTerminated() { return shutdown; }

    @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return isShutdown(); }

    private long due(long delay, TimeUnit unit) { return clock.millis() + Math.max(0, unit.toMillis(delay)); }

    private static long positive(long period, TimeUnit unit) {
        long ms = unit.toMillis(period);
        if (ms <= 0) throw new IllegalArgumentException("period must be at least 1 ms: " + period + " " + unit);
        return ms;
    }

    /** One scheduled task; a periodic one goes back in the queue after each run. Ties run in scheduling order. */
    private final class Timer<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final long periodMillis;
        private long dueMillis;
        private long order;

        Timer(Callable<V> task, long dueMillis, long periodMillis) {
            super(task);
            this.dueMillis = dueMillis;
            this.periodMillis = periodMillis;
            this.order = nextSeq();
        }

        void fire() {
            if (periodMillis == 0) { run(); return; }
            if (!runAndReset()) return; // cancelled, or threw: a periodic task that throws stops, as in the JDK
            dueMillis += periodMillis;
            order = nextSeq();
            requeue(this);
        }

        @Override public long getDelay(TimeUnit unit) { return unit.convert(dueMillis - clock.millis(), TimeUnit.MILLISECONDS); }

        @Override
        public int compareTo(Delayed o) {
            Timer<?> t = (Timer<?>) o;
            int c = Long.compare(dueMillis, t.dueMillis);
            return c != 0 ? c : Long.compare(order, t.order);
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            boolean cancelled = super.cancel(mayInterrupt);
            if (cancelled) synchronized (ManualScheduler.this) { queue.remove(this); }
            return cancelled;
        }
    }
}
