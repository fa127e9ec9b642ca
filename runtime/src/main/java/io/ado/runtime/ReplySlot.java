package io.ado.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * One pending reply: completed at most once (by the callee, or by the caller giving up), so
 * a reply that arrives after the timeout is dropped rather than delivered to a later call.
 */
final class ReplySlot implements From {
    private static final Object EMPTY = new Object();
    private static final Object NULL = new Object();
    private static final Object ABANDONED = new Object();
    private static final int SPINS = 256;
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(ReplySlot.class, "value", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private record Failure(RuntimeException error) {}

    private final Thread waiter;
    private final ProcessRef caller;
    private final CompletableFuture<Object> future; // set for callAsync: nobody waits, the future completes
    @SuppressWarnings("unused") private volatile Object value = EMPTY;

    ReplySlot(ProcessRef caller) {
        this.waiter = Thread.currentThread();
        this.caller = caller;
        this.future = null;
    }

    /** A slot that completes {@code future} instead of waking a waiting thread. */
    ReplySlot(ProcessRef caller, CompletableFuture<Object> future) {
        this.waiter = null;
        this.caller = caller;
        this.future = future;
    }

    /** Gives up on the reply (a timeout): true if no reply had come, so a late one is dropped. */
    boolean abandon() { return VALUE.compareAndSet(this, EMPTY, ABANDONED); }

    @Override public ProcessRef caller() { return caller; }

    @Override public void reply(Object v) { complete(v == null ? NULL : v); }

    void fail(RuntimeException error) { complete(new Failure(error)); }

    boolean isDone() { return value != EMPTY; }

    private void complete(Object v) {
        if (!VALUE.compareAndSet(this, EMPTY, v)) return;
        if (future == null) {
            LockSupport.unpark(waiter);
        } else if (v instanceof Failure f) {
            future.completeExceptionally(f.error());
        } else {
            future.complete(v == NULL ? null : v);
        }
    }

    /** Waits for the reply; on timeout returns {@code timedOut} result marker via exception supplier. */
    Object await(Duration timeout, ProcessRef target) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object v;
        for (int i = 0; i < SPINS && (v = value) == EMPTY; i++) Thread.onSpinWait();
        while ((v = value) == EMPTY) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (VALUE.compareAndSet(this, EMPTY, ABANDONED)) throw new CallTimeoutException(target, timeout);
                continue; // the reply won the race
            }
            LockSupport.parkNanos(this, left);
        }
        if (v == NULL) return null;
        if (v instanceof Failure f) throw f.error();
        return v;
    }
}
