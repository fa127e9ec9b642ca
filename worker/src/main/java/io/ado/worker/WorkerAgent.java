package io.ado.worker;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.sun.management.OperatingSystemMXBean;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Protocol;
import io.ado.protocol.WorkerMessage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker: keeps one connection to the controller through a {@link ControllerLink}
 * (reconnecting with backoff and jitter), registers with the attempts it still holds,
 * heartbeats, runs assigned attempts and reports them. Attempts survive a lost connection; what
 * they reported and the controller has not acknowledged is resent, in order, on reconnect.
 * Timers run on the injected scheduler, so a test's clock decides when each one fires.
 */
public final class WorkerAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerAgent.class);

    private final WorkerSettings settings;
    private final AgentDependencies deps;
    private final ControllerLink link;
    private final ConcurrentHashMap<AttemptRef, Attempt> attempts = new ConcurrentHashMap<>();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final CountDownLatch registeredOnce = new CountDownLatch(1);
    private final CompletableFuture<Void> left = new CompletableFuture<>();
    private volatile boolean draining;
    private volatile boolean leaving; // startDrain(): leave as soon as nothing is held
    private volatile String reconnectToken; // given by the controller when the join token was consumed; memory only
    private volatile boolean joinTokenRefused;
    private volatile String refusal; // why the controller will not have us, once nothing is left to present

    public WorkerAgent(WorkerSettings settings) { this(settings, AgentDependencies.system(settings)); }

    public WorkerAgent(WorkerSettings settings, AgentDependencies deps) {
        this.settings = settings;
        this.deps = deps;
        this.link = new ControllerLink(settings, deps, this::register, this::heartbeat, this::onMessage);
    }

    public WorkerAgent start() {
        link.start();
        return this;
    }

    public String id() { return settings.workerId(); }

    public boolean awaitRegistered(Duration timeout) throws InterruptedException { return registeredOnce.await(timeout.toMillis(), MILLISECONDS); }

    public boolean isConnected() { return link.isConnected(); }

    /** Attempts running or not yet acknowledged. */
    public List<AttemptRef> heldAttempts() { return List.copyOf(attempts.keySet()); }

    /** Why the controller refused this worker for good (its credentials), or null; the agent has left then. */
    public String refusal() { return refusal; }

    /** Completes once the agent has left: closed, drained, or refused for good. */
    public CompletableFuture<Void> left() { return left; }

    /** Presents the reconnect credential once it has one (the join token is single-use), else the join token. */
    private WorkerMessage.Register register() {
        String reconnect = reconnectToken;
        String join = reconnect == null && !joinTokenRefused ? settings.joinToken() : null;
        return new WorkerMessage.Register(Protocol.VERSION, settings.workerId(), settings.hostname(), capabilities(),
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize(), settings.accessMode(), settings.provider(),
                settings.slots(), List.copyOf(attempts.keySet()), join, reconnect, metadata());
    }

    /** What the runtimes found at start-up that a user would want to see: the container engine's name and version. */
    private Map<String, String> metadata() {
        if (!(deps.runtimes().get(ContainerRuntime.NAME) instanceof ContainerRuntime c)) return Map.of();
        return Map.of("containerEngine", c.engine().name(), "containerEngineVersion", c.engine().version());
    }

    /** The settings' capabilities, and {@code container} when this worker has the container runtime (an engine answered). */
    private List<String> capabilities() {
        if (!deps.runtimes().containsKey(ContainerRuntime.NAME) || settings.capabilities().contains(ContainerRuntime.NAME)) return settings.capabilities();
        List<String> caps = new ArrayList<>(settings.capabilities());
        caps.add(ContainerRuntime.NAME);
        return caps;
    }

    private WorkerMessage.Heartbeat heartbeat() {
        double cpu = Math.max(0, os.getCpuLoad()) * 100;
        long total = os.getTotalMemorySize();
        double mem = total == 0 ? 0 : 100.0 * (total - os.getFreeMemorySize()) / total;
        List<AttemptRef> running = attempts.values().stream().filter(a -> !a.finished()).map(a -> a.ref).toList();
        return new WorkerMessage.Heartbeat(cpu, mem, running, draining);
    }

    private void onMessage(ControllerMessage m) {
        switch (m) {
            case ControllerMessage.Registered r -> {
                if (r.reconnectToken() != null) reconnectToken = r.reconnectToken();
                link.registered(r.heartbeatIntervalMs());
                registeredOnce.countDown();
            }
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
            case ControllerMessage.Error e when e.error().equals("join_refused") -> refused(e.message());
            case ControllerMessage.Error e -> log.warn("worker {}: controller says {}: {}", settings.workerId(), e.error(), e.message());
        }
    }

    /**
     * The controller refused what this register presented (it closes the connection): the next
     * one presents the next thing held (the join token after the reconnect credential, nothing
     * after the join token if the API token let us in); with nothing left, the agent leaves.
     */
    private void refused(String reason) {
        if (reconnectToken != null) {
            reconnectToken = null;
            log.warn("worker {}: reconnect credential refused ({}); trying again without it", settings.workerId(), reason);
        } else if (settings.joinToken() != null && !joinTokenRefused && settings.token() != null) {
            joinTokenRefused = true;
            log.warn("worker {}: join token refused ({}); trying again with the API token alone", settings.workerId(), reason);
        } else {
            refusal = reason;
            log.error("worker {}: the controller refuses this worker: {}; leaving (it needs a new join token)", settings.workerId(), reason);
            link.schedule(this::close, Duration.ZERO); // off the connection's reader
        }
    }

    private void run(ControllerMessage.Assign a) {
        AttemptRef ref = new AttemptRef(a.taskId(), a.attempt());
        Attempt at = new Attempt(ref);
        if (attempts.putIfAbsent(ref, at) != null) return; // a repeated assign
        report(at, () -> new WorkerMessage.Started(ref.taskId(), ref.attempt()));
        Map<String, String> env = Map.of("ADO_TASK_ID", ref.taskId(), "ADO_ATTEMPT", Integer.toString(ref.attempt()),
                "ADO_WORKER_ID", settings.workerId());
        TaskRuntime rt = deps.runtimes().get(a.spec().runtime());
        // stdout and stderr readers race: numbered under the send lock, so the log is in seq order
        OutputSink sink = (stream, data) -> report(at, () -> new WorkerMessage.Output(ref.taskId(), ref.attempt(), at.nextSeq(), stream, data));
        // Spawning costs milliseconds: do it off the socket's reader so "started" and the next messages are not held up.
        deps.spawner().execute(() -> {
            RunningTask task = rt != null ? rt.start(a.spec(), env, sink)
                    : RunningTask.failed("this worker has no " + a.spec().runtime() + " runtime (it has " + deps.runtimes().keySet() + ")");
            at.started(task);
            task.outcome().thenAccept(o -> report(at, () -> o.isFailure()
                    ? new WorkerMessage.Failed(ref.taskId(), ref.attempt(), o.error(), o.exitCode())
                    : new WorkerMessage.Completed(ref.taskId(), ref.attempt(), o.exitCode())));
        });
    }

    private void report(Attempt at, Supplier<WorkerMessage> make) {
        link.report(() -> {
            WorkerMessage m = make.get();
            at.reported(m);
            return m;
        });
    }

    /** The controller has what this attempt reported (or no longer wants it): stop holding and resending it. */
    private void forget(AttemptRef ref) {
        link.forget(ref, () -> attempts.remove(ref));
        // off the caller's thread: an ack arrives on the connection's reader, which a goodbye must not block
        if (leaving && attempts.isEmpty()) link.schedule(this::close, Duration.ZERO);
    }

    /**
     * SIGTERM path: take no new work, let running attempts finish until the deadline, then leave
     * (what has not finished is cancelled and handed back: the controller requeues it). The
     * returned future completes once the agent has left.
     */
    public CompletableFuture<Void> startDrain(Duration deadline) {
        draining = true;
        leaving = true;
        link.beat(); // at once: the controller stops assigning
        link.schedule(this::close, attempts.isEmpty() ? Duration.ZERO : deadline);
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

    /** Stops: closes the connection with a goodbye, cancels what still runs, shuts the scheduler down. */
    @Override
    public void close() {
        if (!link.close()) return;
        if (!attempts.isEmpty()) log.info("worker {}: leaving with {} attempts held", settings.workerId(), attempts.size());
        for (Attempt a : attempts.values()) a.cancel();
        deps.scheduler().shutdownNow(); // last: it may interrupt this very thread (the drain deadline runs on it)
        left.complete(null);
    }
}
