package io.ado.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Calls, casts and plain messages, to a local mailbox or through the {@link RemoteRouter}. */
final class Messaging {
    private final ProcessTable table;

    Messaging(ProcessTable table) { this.table = table; }

    Object call(ProcessRef target, Object msg, Duration timeout) {
        return switch (table.route(target)) {
            case Route.Local l -> {
                ProcessCell<?> cell = l.cell();
                if (cell == null) throw new ProcessExitException(target, ExitReason.NOPROC);
                ProcessCell<?> self = ProcessContext.currentCell();
                if (self == cell) throw new IllegalStateException("process " + target + " called itself: that would deadlock");
                ReplySlot slot = new ReplySlot(self == null ? null : self.ref);
                enqueueCall(cell, msg, slot);
                yield slot.await(timeout, target);
            }
            case Route.Remote r -> r.require().call(target, msg, timeout);
        };
    }

    /** Puts a call in the mailbox; a cell that died meanwhile fails it at once (noproc) instead of leaving it unanswered. */
    private static void enqueueCall(ProcessCell<?> cell, Object msg, ReplySlot slot) {
        cell.mailbox.put(new Envelope.Call(msg, slot));
        if (cell.isDead()) cell.drainMailbox();
    }

    CompletableFuture<Object> callAsync(ProcessRef target, Object msg, Duration timeout) {
        return switch (table.route(target)) {
            case Route.Local l -> {
                ProcessCell<?> cell = l.cell();
                if (cell == null) yield CompletableFuture.failedFuture(new ProcessExitException(target, ExitReason.NOPROC));
                CompletableFuture<Object> future = new CompletableFuture<>();
                ProcessCell<?> self = ProcessContext.currentCell();
                ReplySlot slot = new ReplySlot(self == null ? null : self.ref, future);
                ScheduledFuture<?> timer = CallTimers.INSTANCE.schedule(() -> {
                    if (slot.abandon()) future.completeExceptionally(new CallTimeoutException(target, timeout));
                }, timeout.toNanos(), TimeUnit.NANOSECONDS);
                future.whenComplete((v, e) -> timer.cancel(false));
                enqueueCall(cell, msg, slot);
                yield future;
            }
            case Route.Remote r -> {
                CompletableFuture<Object> future = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> { // the router's call blocks; a virtual thread is cheap
                    try {
                        future.complete(call(target, msg, timeout));
                    } catch (RuntimeException e) {
                        future.completeExceptionally(e);
                    }
                });
                yield future;
            }
        };
    }

    /** One daemon thread, JVM-wide, for the timeouts of {@link #callAsync}; a cancelled timer leaves its queue at once. */
    private static final class CallTimers {
        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            var t = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("call-timeouts").unstarted(r));
            t.setRemoveOnCancelPolicy(true);
            return t;
        }
    }

    /** Dropped if the target is dead, or on another node with no cluster installed. */
    void cast(ProcessRef target, Object msg) {
        switch (table.route(target)) {
            case Route.Local l -> { if (l.cell() != null) l.cell().mailbox.put(new Envelope.Cast(msg)); }
            case Route.Remote r -> { if (r.router() != null) r.router().cast(target, msg); }
        }
    }

    /** Dropped if the target is dead, or on another node with no cluster installed. */
    void send(ProcessRef target, Object msg) {
        switch (table.route(target)) {
            case Route.Local l -> { if (l.cell() != null) l.cell().mailbox.put(new Envelope.Info(msg)); }
            case Route.Remote r -> { if (r.router() != null) r.router().send(target, msg); }
        }
    }
}
