package io.ado.worker;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.sun.management.OperatingSystemMXBean;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Protocol;
import io.ado.protocol.WorkerMessage;
import io.ado.runtime.Backoff;
import io.ado.worker.ControllerConnector.Connection;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker: keeps one connection to the controller (reconnecting with backoff and jitter),
 * registers with the attempts it still holds, heartbeats, runs assigned attempts and reports
 * them. Attempts survive a lost connection; what they reported and the controller has not
 * acknowledged is resent, in order, on reconnect. Heartbeats, reconnect attempts and the drain
 * deadline are tasks on the injected scheduler, so a test's clock decides when each happens.
 */
public final class WorkerAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerAgent.class);

    private final WorkerSettings settings;
    private final AgentDependencies deps;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final ConcurrentHashMap<AttemptRef, Attempt> attempts = new ConcurrentHashMap<>();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final CountDownLatch registeredOnce = new CountDownLatch(1);
    private final CompletableFuture<Void> left = new CompletableFuture<>();
    /**
     * Guards the connection, the report log and the timers, and so the order of what goes out:
     * the resend after a (re)connect and every new report. Without it a new report could
     * overtake the resend, or fall between the resend and going live and never be sent at all.
     */
    private final Object sendLock = new Object();
    private final ReportLog reports = new ReportLog();
    private Connection conn; // set once register and the resend are queued on it: reports go straight out
    private ScheduledFuture<?> heartbeats;
    private int failures; // rounds over the replicas without a registration, for the backoff
    private int target; // which controller URL; moves on after every lost or refused connection
    private Instant lostAt;
    private volatile boolean registered;
    private volatile boolean draining;
    private volatile boolean leaving; // drain(): leave as soon as nothing is held
    private volatile boolean stopped;

    public WorkerAgent(WorkerSettings settings) { this(settings, AgentDependencies.system(settings)); }

    public WorkerAgent(WorkerSettings settings, AgentDependencies deps) {
        this.settings = settings;
        this.deps = deps;
        this.scheduler = deps.scheduler();
        this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
    }

    public WorkerAgent start() {
        scheduler.execute(this::connect);
        return this;
    }

    public String id() { return settings.workerId(); }

    public boolean awaitRegistered(Duration timeout) throws InterruptedException { return registeredOnce.await(timeout.toMillis(), MILLISECONDS); }

    public boolean isConnected() {
        Connection c;
        synchronized (sendLock) { c = conn; }
        return registered && c != null && c.isOpen();
    }

    /** Attempts running or not yet acknowledged. */
    public List<AttemptRef> heldAttempts() { return List.copyOf(attempts.keySet()); }

    private void connect() {
        if (stopped) return;
        Connection c;
        try {
            c = deps.connector().connect(settings.connectUri(target), settings.headers(), this::onMessage);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
            return;
        } catch (Exception e) {
            log.debug("worker {}: connect failed: {}", settings.workerId(), e.toString());
            reconnectLater(false);
            return;
        }
        synchronized (sendLock) {
            if (stopped) {
                c.close();
                return;
            }
            // The controller reads a connection in order: register, the resend, then new reports.
            c.send(register());
            for (WorkerMessage m : reports.unacknowledged()) c.send(m);
            conn = c;
        }
        c.closed().whenComplete((why, e) -> lost(c));
    }

    private void lost(Connection c) {
        boolean wasRegistered;
        synchronized (sendLock) {
            if (conn != c) return; // closed by us
            conn = null;
            lostAt = deps.clock().instant();
            wasRegistered = registered;
            registered = false;
            if (heartbeats != null) heartbeats.cancel(false);
        }
        reconnectLater(wasRegistered);
    }

    private void reconnectLater(boolean wasRegistered) {
        synchronized (sendLock) {
            if (stopped) return;
            if (wasRegistered) failures = 0; // a standby's refusal is not a success
            target++;
            // A full round over the replicas without success counts as one failure for the backoff.
            boolean roundDone = target % settings.controllers().size() == 0;
            long delayMs = roundDone ? backoff.delay(failures++, deps.random()).toMillis() : 0;
            scheduler.schedule(this::connect, delayMs, MILLISECONDS);
        }
    }

    private WorkerMessage.Register register() {
        return new WorkerMessage.Register(Protocol.VERSION, settings.workerId(), settings.hostname(), settings.capabilities(),
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize(), settings.accessMode(), settings.provider(),
                settings.slots(), List.copyOf(attempts.keySet()));
    }

    private WorkerMessage.Heartbeat heartbeat() {
        double cpu = Math.max(0, os.getCpuLoad()) * 100;
        long total = os.getTotalMemorySize();
        double mem = total == 0 ? 0 : 100.0 * (total - os.getFreeMemorySize()) / total;
        List<AttemptRef> running = attempts.values().stream().filter(a -> !a.finished()).map(a -> a.ref).toList();
        return new WorkerMessage.Heartbeat(cpu, mem, running, draining);
    }

    private void beat() {
        Connection c;
        synchronized (sendLock) { c = conn; }
        if (c != null && registered) c.send(heartbeat());
    }

    private void onMessage(ControllerMessage m) {
        switch (m) {
            case ControllerMessage.Registered r -> registered(r);
            case ControllerMessage.Assign a -> run(a);
            case ControllerMessage.Cancel c -> {
                AttemptRef ref = new AttemptRef(c.taskId(), c.attempt());
                Attempt at = attempts.get(ref);
                if (at == null) return; // not ours, or already forgotten
                if (at.finished()) forget(ref); // stale: the controller moved on, stop resending it
                else at.cancel();
            }
            case ControllerMessage.Ack a -> forget(new AttemptRef(a.taskId(), a.attempt()));
            case ControllerMessage.Drain d -> draining = true;
            case ControllerMessage.Error e -> log.warn("worker {}: controller says {}: {}", settings.workerId(), e.error(), e.message());
        }
    }

    /** Heartbeats start now, at the interval the controller asks for. */
    private void registered(ControllerMessage.Registered r) {
        long intervalMs = Math.max(10, r.heartbeatIntervalMs());
        synchronized (sendLock) {
            if (stopped) return;
            registered = true;
            if (heartbeats != null) heartbeats.cancel(false);
            heartbeats = scheduler.scheduleAtFixedRate(this::beat, intervalMs, intervalMs, MILLISECONDS);
            if (lostAt != null) {
                log.info("worker {}: registered again {} ms after losing the connection", settings.workerId(),
                        Duration.between(lostAt, deps.clock().instant()).toMillis());
            }
        }
        registeredOnce.countDown();
    }

    private void run(ControllerMessage.Assign a) {
        AttemptRef ref = new AttemptRef(a.taskId(), a.attempt());
        Attempt at = new Attempt(ref);
        if (attempts.putIfAbsent(ref, at) != null) return; // a repeated assign
        report(at, () -> new WorkerMessage.Started(ref.taskId(), ref.attempt()));
        Map<String, String> env = Map.of("ADO_TASK_ID", ref.taskId(), "ADO_ATTEMPT", Integer.toString(ref.attempt()),
                "ADO_WORKER_ID", settings.workerId());
        TaskRuntime rt = deps.runtimes().get(a.spec().runtime());
        // stdout and stderr readers race: number under the send lock so the log is in seq order
        OutputSink sink = (stream, data) -> report(at, () -> new WorkerMessage.Output(ref.taskId(), ref.attempt(), at.nextSeq(), stream, data));
        // Spawning costs milliseconds: do it off the socket's reader so "started" and the next messages are not held up.
        deps.spawner().execute(() -> {
            RunningTask task = rt.start(a.spec(), env, sink);
            at.started(task);
            task.outcome().thenAccept(o -> report(at, () -> o.isFailure()
                    ? new WorkerMessage.Failed(ref.taskId(), ref.attempt(), o.error(), o.exitCode())
                    : new WorkerMessage.Completed(ref.taskId(), ref.attempt(), o.exitCode())));
        });
    }

    /** Records then sends: if the connection is down the report goes out with the resend on reconnect. */
    private void report(Attempt at, Supplier<WorkerMessage> make) {
        synchronized (sendLock) {
            WorkerMessage m = make.get();
            at.reported(m);
            reports.add(m);
            if (conn != null) conn.send(m);
        }
    }

    /** The controller has what this attempt reported (or no longer wants it): stop holding and resending it. */
    private void forget(AttemptRef ref) {
        synchronized (sendLock) {
            attempts.remove(ref);
            reports.forget(ref);
        }
        if (leaving && attempts.isEmpty()) leaveSoon();
    }

    /**
     * SIGTERM path: take no new work, let running attempts finish until the deadline, then leave
     * (what has not finished is cancelled and handed back: the controller requeues it). The
     * returned future completes once the agent has left.
     */
    public CompletableFuture<Void> startDrain(Duration deadline) {
        draining = true;
        leaving = true;
        beat(); // at once: the controller stops assigning
        synchronized (sendLock) {
            if (!stopped) scheduler.schedule(this::close, deadline.toMillis(), MILLISECONDS);
        }
        if (attempts.isEmpty()) leaveSoon();
        return left;
    }

    /** {@link #startDrain}, waiting until the agent has left. */
    public void drain(Duration deadline) throws InterruptedException {
        try {
            startDrain(deadline).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Off the caller's thread: an ack arrives on the connection's reader, which a close must not block. */
    private void leaveSoon() {
        synchronized (sendLock) {
            if (!stopped) scheduler.execute(this::close);
        }
    }

    /** Stops: closes the connection with a goodbye, cancels what still runs, shuts the scheduler down. */
    @Override
    public void close() {
        Connection c;
        synchronized (sendLock) {
            if (stopped) return;
            stopped = true;
            c = conn;
            conn = null;
            if (heartbeats != null) heartbeats.cancel(false);
        }
        if (!attempts.isEmpty()) log.info("worker {}: leaving with {} attempts held", settings.workerId(), attempts.size());
        if (c != null) c.close();
        for (Attempt a : attempts.values()) a.cancel();
        scheduler.shutdownNow(); // last: it may interrupt this very thread (the drain deadline runs on it)
        left.complete(null);
    }
}
