package io.ado.runtime;

import java.util.concurrent.ScheduledFuture;

/** A timer started by {@link ProcessRuntime#sendAfter} or {@link ProcessRuntime#sendInterval}; cancel it with {@link ProcessRuntime#cancelTimer}. */
public final class TimerRef {
    final ScheduledFuture<?> future;
    private final String description;

    TimerRef(ScheduledFuture<?> future, String description) {
        this.future = future;
        this.description = description;
    }

    /** True once a one-shot timer has fired, or any timer was cancelled. */
    public boolean isDone() { return future.isDone(); }

    @Override public String toString() { return "TimerRef[" + description + "]"; }
}
