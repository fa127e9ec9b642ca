package io.ado.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live process: behaviour, state, mailbox and the virtual thread that runs the loop.
 * Death happens exactly once ({@link #die}); it unregisters the process, fails pending calls
 * and notifies links and monitors, whichever thread causes it (the loop itself, or a killer).
 */
final class ProcessCell<S> implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ProcessCell.class);

    final ProcessRuntime runtime;
    final ProcessRef ref;
    final String description;
    private final Behavior<S> behavior;
    private final Object args;
    final Mailbox mailbox = new Mailbox();
    private final ReplySlot initDone;

    private S state;
    volatile boolean trapExit;
    volatile Thread thread;
    volatile String registeredName;

    private volatile boolean dead; // written under this lock, read lock-free on hot paths
    // guarded by this
    private ExitReason exitReason;
    private final Set<ProcessRef> links = new LinkedHashSet<>();
    private final Map<MonitorRef, ProcessRef> watchers = new HashMap<>();
    private final Map<MonitorRef, ProcessRef> watching = new HashMap<>();
    private final List<ReplySlot> exitWaiters = new ArrayList<>();

    ProcessCell(ProcessRuntime runtime, ProcessRef ref, Behavior<S> behavior, Object args, ReplySlot initDone) {
        this.runtime = runtime;
        this.ref = ref;
        this.behavior = behavior;
        this.args = args;
        this.initDone = initDone;
        this.description = behavior.getClass().getName() + ref;
    }

    @Override
    public void run() {
        mailbox.bind(Thread.currentThread());
        ProcessContext.bind(this);
        try {
            try {
                state = behavior.init(args);
            } catch (Throwable t) {
                ExitReason reason = ExitReason.Crash.of(t);
                die(reason);
                initDone.fail(new InitFailedException(description, reason));
                return;
            }
            if (isDead()) { // killed or linked-crashed during init
                initDone.fail(new InitFailedException(description, exitReason()));
                return;
            }
            initDone.reply(ref);
            loop();
        } finally {
            ProcessContext.unbind();
        }
    }

    private void loop() {
        while (!isDead()) {
            Object m = mailbox.take();
            if (m == null) { // interrupted: only a kill does that, and the kill already ran die()
                if (isDead()) return;
                Thread.interrupted();
                continue;
            }
            if (isDead()) { failIfCall(m); return; }
            if (!dispatch(m)) return;
        }
    }

    /** Handles one envelope; false when the process has ended. */
    private boolean dispatch(Object m) {
        ReplySlot from = null;
        Result<S> result;
        try {
            switch ((Envelope) m) {
                case Envelope.Call c -> {
                    from = c.from();
                    result = behavior.handleCall(c.msg(), c.from(), state);
                }
                case Envelope.Cast c -> result = checkNoReply(behavior.handleCast(c.msg(), state), "handleCast");
                case Envelope.Info i -> result = checkNoReply(behavior.handleInfo(i.msg(), state), "handleInfo");
                case Envelope.Exit e -> {
                    if (!trapExit) { // trap-exit was switched off after the signal was queued
                        if (e.reason() instanceof ExitReason.Normal) return true;
                        die(e.reason());
                        return false;
                    }
                    result = checkNoReply(behavior.handleInfo(new ExitSignal(e.from(), e.reason()), state), "handleInfo");
                }
                case Envelope.StopRequest s -> {
                    terminateAndDie(s.reason());
                    s.done().reply(Boolean.TRUE);
                    return false;
                }
            }
        } catch (Throwable t) {
            // killed while in a callback: the interrupt is a symptom, the kill's reason is the cause
            ExitReason reason = isDead() ? exitReason() : ExitReason.Crash.of(t);
            if (!(t instanceof UnhandledMessageException) && !(t instanceof InterruptedException)) {
                log.debug("process {} crashed", description, t);
            }
            terminateAndDie(reason);
            if (from != null) from.fail(new ProcessExitException(ref, reason));
            return false;
        }
        if (result == null) {
            ExitReason reason = new ExitReason.Custom("bad_return: null");
            terminateAndDie(reason);
            if (from != null) from.fail(new ProcessExitException(ref, reason));
            return false;
        }
        switch (result) {
            case Result.Reply<S> r -> {
                state = r.state();
                from.reply(r.value());
            }
            case Result.NoReply<S> n -> state = n.state();
            case Result.Stop<S> s -> {
                state = s.state();
                if (from != null && s.reply() != null) from.reply(s.reply());
                terminateAndDie(s.reason());
                if (from != null) from.fail(new ProcessExitException(ref, s.reason()));
                return false;
            }
        }
        return true;
    }

    private Result<S> checkNoReply(Result<S> r, String callback) {
        if (r instanceof Result.Reply<S>) {
            throw new IllegalStateException("bad_return: " + callback + " returned Reply; only calls can reply");
        }
        return r;
    }

    private void terminateAndDie(ExitReason reason) {
        try {
            behavior.terminate(reason, state);
        } catch (Throwable t) {
            log.warn("terminate of {} threw", description, t);
        }
        die(reason);
    }

    boolean isDead() { return dead; }

    synchronized ExitReason exitReason() { return exitReason; }

    /** Ends the process once: unregister, fail queued calls, signal links, fire monitors. */
    void die(ExitReason reason) {
        List<ProcessRef> linked;
        Map<MonitorRef, ProcessRef> toNotify;
        Map<MonitorRef, ProcessRef> watched;
        List<ReplySlot> waiters;
        synchronized (this) {
            if (dead) return;
            dead = true;
            exitReason = reason;
            linked = new ArrayList<>(links);
            links.clear();
            toNotify = new HashMap<>(watchers);
            watchers.clear();
            watched = new HashMap<>(watching);
            watching.clear();
            waiters = new ArrayList<>(exitWaiters);
            exitWaiters.clear();
        }
        runtime.removeDead(this);
        drainMailbox();
        for (ProcessRef p : linked) runtime.deliverExit(p, ref, reason);
        toNotify.forEach((mref, watcher) -> runtime.deliverInfo(watcher, new Down(mref, ref, reason)));
        watched.forEach((mref, target) -> runtime.demonitor(mref, target));
        for (ReplySlot w : waiters) w.reply(Boolean.TRUE);
    }

    void drainMailbox() {
        Object m;
        while ((m = mailbox.poll()) != null) failIfCall(m);
    }

    private void failIfCall(Object m) {
        ExitReason reason = exitReason();
        switch ((Envelope) m) {
            case Envelope.Call c -> c.from().fail(new ProcessExitException(ref, reason));
            case Envelope.StopRequest s -> s.done().reply(Boolean.TRUE);
            default -> { }
        }
    }

    /** Adds a link; false if this process is already dead (the caller then signals noproc). */
    synchronized boolean addLink(ProcessRef other) {
        if (dead) return false;
        links.add(other);
        return true;
    }

    synchronized void removeLink(ProcessRef other) { links.remove(other); }

    synchronized boolean addWatcher(MonitorRef mref, ProcessRef watcher) {
        if (dead) return false;
        watchers.put(mref, watcher);
        return true;
    }

    synchronized void removeWatcher(MonitorRef mref) { watchers.remove(mref); }

    synchronized void addWatching(MonitorRef mref, ProcessRef target) { if (!dead) watching.put(mref, target); }

    synchronized void removeWatching(MonitorRef mref) { watching.remove(mref); }

    synchronized ProcessRef watchingTarget(MonitorRef mref) { return watching.get(mref); }

    /** Registers a slot completed when the process dies; false if it is already dead. */
    synchronized boolean onExit(ReplySlot slot) {
        if (dead) return false;
        exitWaiters.add(slot);
        return true;
    }
}
