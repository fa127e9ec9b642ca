package io.ado.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A node's processes: starts them, routes calls, casts and signals, keeps names, links,
 * monitors and timers. Several runtimes can live in one JVM (one per cluster node in tests);
 * {@link #local()} is the default instance for programs that need only one.
 *
 * <p>This class is the facade. Whether a ref is local or behind the {@link RemoteRouter} is
 * decided in one place, {@link ProcessTable#route}; each job has its class: {@link Messaging},
 * {@link Signals}, {@link Links}, {@link Monitors}, {@link Names}, {@link Timers}. An operation
 * a remote target cannot get throws and says so; none is silently dropped, except casts and
 * sends, which are fire-and-forget by contract.
 */
public final class ProcessRuntime implements AutoCloseable {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

    private static volatile ProcessRuntime defaultRuntime;

    private final String node;
    private final Clock clock;
    private final ProcessTable table;
    private final Names names;
    private final Messaging messaging;
    private final Signals signals;
    private final Links links;
    private final Monitors monitors;
    private final Timers timers;

    private ProcessRuntime(String node, Clock clock, ScheduledExecutorService scheduler) {
        this.node = Objects.requireNonNull(node, "node");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.table = new ProcessTable(node, clock);
        this.names = new Names(table);
        this.messaging = new Messaging(table);
        this.signals = new Signals(table);
        this.links = new Links(table, signals);
        this.monitors = new Monitors(table, messaging);
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

    public void setRemoteRouter(RemoteRouter router) { table.setRouter(router); }

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
        ProcessRef ref = new ProcessRef(node, table.nextId());
        ReplySlot initDone = new ReplySlot(parent == null ? null : parent.ref);
        ProcessCell<S> cell = new ProcessCell<>(this, ref, behavior, args, initDone);
        table.add(cell);
        if (options.name() != null) {
            try {
                names.register(options.name(), cell);
            } catch (RuntimeException e) {
                table.remove(cell);
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
    public Object call(ProcessRef target, Object msg, Duration timeout) { return messaging.call(target, msg, timeout); }

    /**
     * {@link #call} without a waiting thread: the future completes with the reply, or fails with
     * {@link ProcessExitException} or {@link CallTimeoutException} (a reply after the timeout is
     * dropped). For servers that must not park a thread per request in flight.
     */
    public CompletableFuture<Object> callAsync(ProcessRef target, Object msg, Duration timeout) {
        return messaging.callAsync(target, msg, timeout);
    }

    public <T> T call(ProcessRef target, Object msg, Duration timeout, Class<T> type) {
        return type.cast(call(target, msg, timeout));
    }

    public Object call(String name, Object msg, Duration timeout) { return call(names.resolve(name), msg, timeout); }

    /** Fire-and-forget request handled by {@code handleCast}; dropped if the target is dead. */
    public void cast(ProcessRef target, Object msg) { messaging.cast(target, msg); }

    public void cast(String name, Object msg) { cast(names.resolve(name), msg); }

    /** A plain message handled by {@code handleInfo}; dropped if the target is dead. */
    public void send(ProcessRef target, Object msg) { messaging.send(target, msg); }

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

    // ---- stopping and exit signals ---------------------------------------------------

    /** Stops with reason {@code normal}, waiting up to the default call timeout. */
    public boolean stop(ProcessRef target) { return stop(target, ExitReason.NORMAL, DEFAULT_CALL_TIMEOUT); }

    /**
     * Asks the process to run {@code terminate(reason)} and exit; waits until it has.
     * Returns false if it was not alive.
     *
     * @throws CallTimeoutException if it did not finish within {@code timeout} (it keeps running)
     * @throws UnsupportedOperationException for a remote process, if the cluster cannot stop it
     */
    public boolean stop(ProcessRef target, ExitReason reason, Duration timeout) { return signals.stop(target, reason, timeout); }

    /** Untrappable kill: the process dies at once with reason {@code killed}, terminate not run. */
    public void kill(ProcessRef target) { signals.kill(target); }

    /**
     * Sends an exit signal as erlang:exit/2 does: a trapping process gets {@link ExitSignal};
     * any other dies with {@code reason} unless it is {@code normal}.
     */
    public void exit(ProcessRef target, ExitReason reason) { signals.exit(target, ProcessContext.selfOrNull(), reason); }

    /** Waits until the process is dead; true if it is (or never was) alive, false on timeout. */
    public boolean awaitExit(ProcessRef target, Duration timeout) { return signals.awaitExit(target, timeout); }

    // ---- links and monitors ------------------------------------------------------------

    /** Links two local processes; linking to a dead one sends {@code noproc} to the other. */
    public void link(ProcessRef a, ProcessRef b) { links.link(a, b); }

    public void unlink(ProcessRef a, ProcessRef b) { links.unlink(a, b); }

    /**
     * {@code watcher} (a local process) gets a {@link Down} when {@code target} exits; at once,
     * with {@code noproc}, if it is already dead.
     */
    public MonitorRef monitor(ProcessRef watcher, ProcessRef target) { return monitors.monitor(watcher, target); }

    /** Cancels a monitor the given watcher holds. No DOWN arrives for it afterwards. */
    public void demonitorFrom(ProcessRef watcher, MonitorRef mref) { monitors.demonitorFrom(watcher, mref); }

    /** For the cluster layer: delivers a DOWN for a remote monitor to a local watcher. */
    public void deliverDown(ProcessRef watcher, MonitorRef monitor, ProcessRef target, ExitReason reason) {
        monitors.deliverDown(watcher, monitor, target, reason);
    }

    /** For the cluster layer: a remote watcher monitors a local process. */
    public boolean addRemoteWatcher(MonitorRef mref, ProcessRef watcher, ProcessRef target) {
        return monitors.addRemoteWatcher(mref, watcher, target);
    }

    /** For the cluster layer: drop a remote watcher's monitor on a local process. */
    public void removeRemoteWatcher(MonitorRef mref, ProcessRef target) { monitors.demonitor(mref, target); }

    // ---- names ----------------------------------------------------------------------

    /** Registers a unique name for a live local process. */
    public void register(String name, ProcessRef ref) { names.register(name, ref); }

    public boolean unregister(String name) { return names.unregister(name); }

    public Optional<ProcessRef> whereis(String name) { return names.whereis(name); }

    // ---- introspection and lifecycle -------------------------------------------------

    /** Whether the process is alive; for a remote one, as the cluster's router answers. */
    public boolean isAlive(ProcessRef ref) {
        return switch (table.route(ref)) {
            case Route.Local l -> l.cell() != null && !l.cell().isDead();
            case Route.Remote r -> r.require().isAlive(ref);
        };
    }

    /** Messages waiting in a process's mailbox (0 if it is not alive). */
    public int mailboxSize(ProcessRef ref) {
        return switch (table.route(ref)) {
            case Route.Local l -> l.cell() == null ? 0 : l.cell().mailbox.size();
            case Route.Remote r -> r.require().mailboxSize(ref);
        };
    }

    /** Number of live processes on this runtime. */
    public int processCount() { return table.size(); }

    public List<ProcessRef> processes() { return table.refs(); }

    // ---- for ProcessCell -------------------------------------------------------------

    void removeDead(ProcessCell<?> cell) {
        table.remove(cell);
        names.forget(cell);
    }

    void deliverExit(ProcessRef to, ProcessRef from, ExitReason reason) { signals.deliverExit(to, from, reason); }

    void deliverInfo(ProcessRef target, Object msg) { messaging.send(target, msg); }

    void demonitor(MonitorRef mref, ProcessRef target) { monitors.demonitor(mref, target); }

    /** Kills every process and stops the runtime's own timer thread. The runtime stays usable. */
    @Override
    public void close() {
        for (ProcessCell<?> c : table.cells()) Signals.killNow(c, ExitReason.SHUTDOWN);
        timers.close();
    }
}
