package io.ado.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's process table: starts processes, routes calls, casts and signals, keeps names,
 * links and monitors. Several runtimes can live in one JVM (one per cluster node in tests);
 * {@link #local()} is the default instance for programs that need only one.
 *
 * <p>Ids start from the wall clock shifted left by 20 bits, so a ref held by another node
 * is never reused after this node restarts (the role of Erlang's "creation" number).
 */
public final class ProcessRuntime implements AutoCloseable {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

    private static volatile ProcessRuntime defaultRuntime;

    private final String node;
    private final Clock clock;
    private final AtomicLong ids;
    private final ConcurrentHashMap<Long, ProcessCell<?>> table = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ProcessRef> names = new ConcurrentHashMap<>();
    private final Timers timers;
    private volatile RemoteRouter router;

    private ProcessRuntime(String node, Clock clock, ScheduledExecutorService scheduler) {
        this.node = Objects.requireNonNull(node, "node");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = new AtomicLong(clock.millis() << 20);
        this.timers = new Timers(node, scheduler);
    }

    public static ProcessRuntime create(String node) { return new ProcessRuntime(node, Clock.systemUTC(), null); }

    public static ProcessRuntime create(String node, Clock clock) { return new ProcessRuntime(node, clock, null); }

    /**
     * A runtime whose timers run on {@code scheduler}: in tests a {@code ManualClock}'s, so
     * {@link #sendAfter} fires when the test advances the clock.
     */
    public static ProcessRuntime create(String node, Clock clock, ScheduledExecutorService scheduler) {
        return new ProcessRuntime(node, clock, Objects.requireNonNull(scheduler, "scheduler"));
    }

    /** The JVM-wide default runtime, node {@code nonode@nohost}. */
    public static ProcessRuntime local() {
        ProcessRuntime r = defaultRuntime;
        if (r == null) {
            synchronized (ProcessRuntime.class) {
                if (defaultRuntime == null) defaultRuntime = create("nonode@nohost");
                r = defaultRuntime;
            }
        }
        return r;
    }

    public String node() { return node; }

    public Clock clock() { return clock; }

    public void setRemoteRouter(RemoteRouter router) { this.router = router; }

    // ---- starting ---------------------------------------------------------------------

    public <S> ProcessRef start(Behavior<S> behavior, Object args) { return start(behavior, args, StartOptions.DEFAULT); }

    /** Starts a process linked to the calling process (which must be a process). */
    public <S> ProcessRef startLink(Behavior<S> behavior, Object args) {
        return start(behavior, args, StartOptions.DEFAULT.linked());
    }

    /**
     * Starts a process and returns once its {@code init} has succeeded.
     *
     * @throws InitFailedException if init threw, timed out or the process was killed in init
     * @throws NameTakenException if {@code options.name()} is held by a live process
     */
    public <S> ProcessRef start(Behavior<S> behavior, Object args, StartOptions options) {
        Objects.requireNonNull(behavior, "behavior");
        ProcessCell<?> parent = ProcessContext.currentCell();
        if (options.link() && parent == null) throw new IllegalStateException("startLink outside a process: nothing to link to");
        ProcessRef ref = new ProcessRef(node, ids.incrementAndGet());
        ReplySlot initDone = new ReplySlot(parent == null ? null : parent.ref);
        ProcessCell<S> cell = new ProcessCell<>(this, ref, behavior, args, initDone);
        table.put(ref.id(), cell);
        if (options.name() != null) {
            try {
                registerCell(options.name(), cell);
            } catch (RuntimeException e) {
                table.remove(ref.id());
                throw e;
            }
        }
        if (options.link()) {
            parent.addLink(ref);
            cell.addLink(parent.ref);
        }
        Thread t = Thread.ofVirtual().unstarted(cell);
        cell.thread = t;
        t.start();
        try {
            initDone.await(options.initTimeout(), ref);
        } catch (CallTimeoutException e) {
            if (options.link()) unlink(parent.ref, ref);
            kill(ref);
            throw new InitFailedException(cell.description, ExitReason.custom("init_timeout"));
        } catch (InitFailedException e) {
            if (options.link()) parent.removeLink(ref); // the starter learns of it from the exception
            throw e;
        }
        return ref;
    }

    // ---- messaging --------------------------------------------------------------------

    public Object call(ProcessRef target, Object msg) { return call(target, msg, DEFAULT_CALL_TIMEOUT); }

    /**
     * Sends {@code msg} and waits for the reply.
     *
     * @throws CallTimeoutException no reply within {@code timeout}
     * @throws ProcessExitException the target is dead or exited before replying (reason inside)
     */
    public Object call(ProcessRef target, Object msg, Duration timeout) {
        if (!node.equals(target.node())) return remote(target).call(target, msg, timeout);
        ProcessCell<?> cell = table.get(target.id());
        if (cell == null) throw new ProcessExitException(target, ExitReason.NOPROC);
        ProcessCell<?> self = ProcessContext.currentCell();
        if (self == cell) throw new IllegalStateException("process " + target + " called itself: that would deadlock");
        ReplySlot slot = new ReplySlot(self == null ? null : self.ref);
        enqueueCall(cell, msg, slot);
        return slot.await(timeout, target);
    }

    /** Puts a call in the mailbox; a cell that died meanwhile fails it at once (noproc) instead of leaving it unanswered. */
    private static void enqueueCall(ProcessCell<?> cell, Object msg, ReplySlot slot) {
        cell.mailbox.put(new Envelope.Call(msg, slot));
        if (cell.isDead()) cell.drainMailbox();
    }

    /**
     * {@link #call} without a waiting thread: the future completes with the reply, or fails with
     * {@link ProcessExitException} or {@link CallTimeoutException} (a reply after the timeout is
     * dropped). For servers that must not park a thread per request in flight.
     */
    public java.util.concurrent.CompletableFuture<Object> callAsync(ProcessRef target, Object msg, Duration timeout) {
        java.util.concurrent.CompletableFuture<Object> future = new java.util.concurrent.CompletableFuture<>();
        if (!node.equals(target.node())) {
            Thread.ofVirtual().start(() -> {
                try {
                    future.complete(call(target, msg, timeout));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            });
            return future;
        }
        ProcessCell<?> cell = table.get(target.id());
        if (cell == null) return java.util.concurrent.CompletableFuture.failedFuture(new ProcessExitException(target, ExitReason.NOPROC));
        ProcessCell<?> self = ProcessContext.currentCell();
        ReplySlot slot = new ReplySlot(self == null ? null : self.ref, future);
        java.util.concurrent.ScheduledFuture<?> timer = CallTimers.INSTANCE.schedule(() -> {
            if (slot.abandon()) future.completeExceptionally(new CallTimeoutException(target, timeout));
        }, timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        future.whenComplete((v, e) -> timer.cancel(false));
        enqueueCall(cell, msg, slot);
        return future;
    }

    /** One daemon thread, JVM-wide, for the timeouts of {@link #callAsync}; a cancelled timer leaves its queue at once. */
    private static final class CallTimers {
        static final java.util.concurrent.ScheduledThreadPoolExecutor INSTANCE = create();

        private static java.util.concurrent.ScheduledThreadPoolExecutor create() {
            var t = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("call-timeouts").unstarted(r));
            t.setRemoveOnCancelPolicy(true);
            return t;
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T call(ProcessRef target, Object msg, Duration timeout, Class<T> type) {
        return type.cast(call(target, msg, timeout));
    }

    public Object call(String name, Object msg, Duration timeout) { return call(resolve(name), msg, timeout); }

    /** Fire-and-forget request handled by {@code handleCast}; dropped if the target is dead. */
    public void cast(ProcessRef target, Object msg) {
        if (!node.equals(target.node())) {
            RemoteRouter r = router;
            if (r != null) r.cast(target, msg);
            return;
        }
        ProcessCell<?> cell = table.get(target.id());
        if (cell != null) cell.mailbox.put(new Envelope.Cast(msg));
    }

    public void cast(String name, Object msg) { cast(resolve(name), msg); }

    /** A plain message handled by {@code handleInfo}; dropped if the target is dead. */
    public void send(ProcessRef target, Object msg) {
        if (!node.equals(target.node())) {
            RemoteRouter r = router;
            if (r != null) r.send(target, msg);
            return;
        }
        deliverInfo(target, msg);
    }

    void deliverInfo(ProcessRef target, Object msg) {
        if (!node.equals(target.node())) { send(target, msg); return; }
        ProcessCell<?> cell = table.get(target.id());
        if (cell != null) cell.mailbox.put(new Envelope.Info(msg));
    }

    // ---- timers -----------------------------------------------------------------------

    /** Sends {@code msg} to {@code target} (to its {@code handleInfo}) after {@code delay}; a dead target drops it. */
    public TimerRef sendAfter(ProcessRef target, Object msg, Duration delay) {
        Objects.requireNonNull(target, "target");
        return timers.after(delay, () -> send(target, msg), msg + " -> " + target + " after " + delay);
    }

    /** Sends {@code msg} to {@code target} every {@code period}, the first after one period, until cancelled. */
    public TimerRef sendInterval(ProcessRef target, Object msg, Duration period) {
        Objects.requireNonNull(target, "target");
        return timers.every(period, () -> send(target, msg), msg + " -> " + target + " every " + period);
    }

    /** Cancels a timer; true if it had not fired yet (for an interval: if it was still running). */
    public boolean cancelTimer(TimerRef timer) { return Timers.cancel(timer); }

    /** For the cluster layer: delivers a DOWN for a remote monitor to a local watcher. */
    public void deliverDown(ProcessRef watcher, MonitorRef monitor, ProcessRef target, ExitReason reason) {
        ProcessCell<?> w = table.get(watcher.id());
        if (w != null) w.removeWatching(monitor);
        deliverInfo(watcher, new Down(monitor, target, reason));
    }

    private RemoteRouter remote(ProcessRef target) {
        RemoteRouter r = router;
        if (r == null) throw new ProcessExitException(target, ExitReason.NOCONNECTION);
        return r;
    }

    // ---- stopping and exit signals ---------------------------------------------------

    /** Stops with reason {@code normal}, waiting up to the default call timeout. */
    public boolean stop(ProcessRef target) { return stop(target, ExitReason.NORMAL, DEFAULT_CALL_TIMEOUT); }

    /**
     * Asks the process to run {@code terminate(reason)} and exit; waits until it has.
     * Returns false if it was not alive.
     *
     * @throws CallTimeoutException if it did not finish within {@code timeout} (it keeps running)
     */
    public boolean stop(ProcessRef target, ExitReason reason, Duration timeout) {
        ProcessCell<?> cell = table.get(target.id());
        if (cell == null || !node.equals(target.node())) return false;
        if (ProcessContext.currentCell() == cell) throw new IllegalStateException("a process cannot stop itself synchronously; return Result.stop");
        ReplySlot done = new ReplySlot(ProcessContext.selfOrNull());
        cell.mailbox.put(new Envelope.StopRequest(reason, done));
        if (cell.isDead()) cell.drainMailbox();
        done.await(timeout, target);
        awaitExit(target, timeout);
        return true;
    }

    /** Untrappable kill: the process dies at once with reason {@code killed}, terminate not run. */
    public void kill(ProcessRef target) {
        ProcessCell<?> cell = table.get(target.id());
        if (cell != null && node.equals(target.node())) killNow(cell, ExitReason.KILLED);
    }

    /**
     * Sends an exit signal as erlang:exit/2 does: a trapping process gets {@link ExitSignal};
     * any other dies with {@code reason} unless it is {@code normal}.
     */
    public void exit(ProcessRef target, ExitReason reason) {
        deliverExit(target, ProcessContext.selfOrNull(), reason);
    }

    void deliverExit(ProcessRef to, ProcessRef from, ExitReason reason) {
        if (!node.equals(to.node())) return; // links are node-local; remote peers use monitors
        ProcessCell<?> cell = table.get(to.id());
        if (cell == null) return;
        if (from != null) cell.removeLink(from);
        if (cell.trapExit) {
            cell.mailbox.put(new Envelope.Exit(from, reason));
            if (cell.isDead()) cell.drainMailbox();
        } else if (!(reason instanceof ExitReason.Normal)) { // as in OTP, only normal is ignored
            killNow(cell, reason);
        }
    }

    private void killNow(ProcessCell<?> cell, ExitReason reason) {
        cell.die(reason);
        Thread t = cell.thread;
        if (t != null && t != Thread.currentThread()) t.interrupt();
    }

    /** Waits until the process is dead; true if it is (or never was) alive, false on timeout. */
    public boolean awaitExit(ProcessRef target, Duration timeout) {
        ProcessCell<?> cell = table.get(target.id());
        if (cell == null || !node.equals(target.node())) return true;
        ReplySlot slot = new ReplySlot(null);
        if (!cell.onExit(slot)) return true;
        try {
            slot.await(timeout, target);
            return true;
        } catch (CallTimeoutException e) {
            return false;
        }
    }

    // ---- links and monitors ------------------------------------------------------------

    /** Links two local processes; linking to a dead one sends {@code noproc} to the other. */
    public void link(ProcessRef a, ProcessRef b) {
        if (!node.equals(a.node()) || !node.equals(b.node())) {
            throw new UnsupportedOperationException("links are node-local; use monitor for " + (node.equals(a.node()) ? b : a));
        }
        ProcessCell<?> ca = table.get(a.id());
        ProcessCell<?> cb = table.get(b.id());
        if (ca == null) { if (cb != null) deliverExit(b, a, ExitReason.NOPROC); return; }
        if (cb == null || !cb.addLink(a)) { deliverExit(a, b, ExitReason.NOPROC); return; }
        if (!ca.addLink(b)) { cb.removeLink(a); deliverExit(b, a, ExitReason.NOPROC); }
    }

    public void unlink(ProcessRef a, ProcessRef b) {
        ProcessCell<?> ca = table.get(a.id());
        ProcessCell<?> cb = table.get(b.id());
        if (ca != null) ca.removeLink(b);
        if (cb != null) cb.removeLink(a);
    }

    /**
     * {@code watcher} (a local process) gets a {@link Down} when {@code target} exits; at once,
     * with {@code noproc}, if it is already dead.
     */
    public MonitorRef monitor(ProcessRef watcher, ProcessRef target) {
        MonitorRef mref = new MonitorRef(node, ids.incrementAndGet());
        ProcessCell<?> w = table.get(watcher.id());
        if (w != null) w.addWatching(mref, target);
        if (!node.equals(target.node())) {
            RemoteRouter r = router;
            if (r == null) deliverDown(watcher, mref, target, ExitReason.NOCONNECTION);
            else r.monitor(watcher, mref, target);
            return mref;
        }
        ProcessCell<?> t = table.get(target.id());
        if (t == null || !t.addWatcher(mref, watcher)) deliverDown(watcher, mref, target, ExitReason.NOPROC);
        return mref;
    }

    /** For the cluster layer: a remote watcher monitors a local process. */
    public boolean addRemoteWatcher(MonitorRef mref, ProcessRef watcher, ProcessRef target) {
        ProcessCell<?> t = table.get(target.id());
        return t != null && t.addWatcher(mref, watcher);
    }

    void demonitor(MonitorRef mref, ProcessRef target) {
        if (!node.equals(target.node())) {
            RemoteRouter r = router;
            if (r != null) r.demonitor(mref, target);
            return;
        }
        ProcessCell<?> t = table.get(target.id());
        if (t != null) t.removeWatcher(mref);
    }

    /** Cancels a monitor the given watcher holds. No DOWN arrives for it afterwards. */
    public void demonitorFrom(ProcessRef watcher, MonitorRef mref) {
        ProcessCell<?> w = table.get(watcher.id());
        if (w == null) return;
        ProcessRef target = w.watchingTarget(mref);
        if (target != null) {
            w.removeWatching(mref);
            demonitor(mref, target);
        }
    }

    /** For the cluster layer: drop a remote watcher's monitor on a local process. */
    public void removeRemoteWatcher(MonitorRef mref, ProcessRef target) { demonitor(mref, target); }

    // ---- names ----------------------------------------------------------------------

    /** Registers a unique name for a live local process. */
    public void register(String name, ProcessRef ref) {
        ProcessCell<?> cell = table.get(ref.id());
        if (cell == null || cell.isDead() || !node.equals(ref.node())) throw new ProcessExitException(ref, ExitReason.NOPROC);
        registerCell(name, cell);
    }

    private void registerCell(String name, ProcessCell<?> cell) {
        Objects.requireNonNull(name, "name");
        synchronized (cell) {
            if (cell.registeredName != null) {
                throw new IllegalStateException(cell.ref + " is already registered as '" + cell.registeredName + "'");
            }
            ProcessRef prev = names.putIfAbsent(name, cell.ref);
            if (prev != null) throw new NameTakenException(name, prev);
            cell.registeredName = name;
        }
        if (cell.isDead()) names.remove(name, cell.ref); // died while registering
    }

    public boolean unregister(String name) {
        ProcessRef ref = names.remove(name);
        if (ref == null) return false;
        ProcessCell<?> cell = table.get(ref.id());
        if (cell != null) synchronized (cell) { if (name.equals(cell.registeredName)) cell.registeredName = null; }
        return true;
    }

    public Optional<ProcessRef> whereis(String name) { return Optional.ofNullable(names.get(name)); }

    private ProcessRef resolve(String name) {
        ProcessRef ref = names.get(name);
        if (ref == null) throw new NoSuchNameException(name);
        return ref;
    }

    // ---- introspection and lifecycle -------------------------------------------------

    public boolean isAlive(ProcessRef ref) {
        if (!node.equals(ref.node())) return false;
        ProcessCell<?> cell = table.get(ref.id());
        return cell != null && !cell.isDead();
    }

    /** Messages waiting in a process's mailbox (0 if it is not alive). */
    public int mailboxSize(ProcessRef ref) {
        ProcessCell<?> cell = node.equals(ref.node()) ? table.get(ref.id()) : null;
        return cell == null ? 0 : cell.mailbox.size();
    }

    /** Number of live processes on this runtime. */
    public int processCount() { return table.size(); }

    public List<ProcessRef> processes() { return table.values().stream().map(c -> c.ref).toList(); }

    void removeDead(ProcessCell<?> cell) {
        table.remove(cell.ref.id(), cell);
        String name = cell.registeredName;
        if (name != null) names.remove(name, cell.ref);
    }

    /** Kills every process and stops the runtime's own timer thread. The runtime stays usable. */
    @Override
    public void close() {
        for (ProcessCell<?> c : List.copyOf(table.values())) killNow(c, ExitReason.SHUTDOWN);
        timers.close();
    }
}
