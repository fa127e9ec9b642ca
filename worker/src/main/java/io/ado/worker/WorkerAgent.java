package io.ado.worker;

import com.sun.management.OperatingSystemMXBean;
import io.ado.client.TextWebSocket;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Json;
import io.ado.protocol.OutputStream;
import io.ado.protocol.Protocol;
import io.ado.protocol.WorkerMessage;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker: keeps one connection to the controller (reconnecting with backoff and jitter),
 * registers with the attempts it still holds, heartbeats, runs assigned attempts and reports
 * them. Attempts survive a lost connection; everything they reported is resent on reconnect.
 */
public final class WorkerAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerAgent.class);

    private final WorkerSettings settings;
    private final Map<String, TaskRuntime> runtimes;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ConcurrentHashMap<AttemptRef, Attempt> attempts = new ConcurrentHashMap<>();
    private final SplittableRandom random = new SplittableRandom();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final CountDownLatch registeredOnce = new CountDownLatch(1);
    private volatile TextWebSocket socket;
    private volatile boolean registered;
    /**
     * Guards {@link #live} and the order of what goes out: the resend after a (re)connect and
     * every new report. Without it a new report could overtake the resend, or fall between the
     * resend and the controller's "registered" and never be sent on this connection at all.
     */
    private final Object sendLock = new Object();
    private boolean live; // reports go straight out on {@link #socket}: its resend is queued
    private volatile long heartbeatMs = 10_000;
    private volatile boolean draining;
    private volatile boolean stopped;
    private volatile boolean holdOff;
    private volatile boolean muted;
    private Thread loop;

    public WorkerAgent(WorkerSettings settings) {
        this.settings = settings;
        this.runtimes = Map.of("shell", new ShellRuntime(), "agent", new AgentRuntime(settings.agents()));
    }

    public WorkerAgent start() {
        loop = Thread.ofVirtual().name("worker-" + settings.workerId()).start(this::connectLoop);
        return this;
    }

    public String id() { return settings.workerId(); }

    public boolean awaitRegistered(Duration timeout) throws InterruptedException { return registeredOnce.await(timeout.toMillis(), TimeUnit.MILLISECONDS); }

    public boolean isConnected() { return registered && socket != null && socket.isOpen(); }

    /** Attempts running or not yet acknowledged. */
    public List<AttemptRef> heldAttempts() { return List.copyOf(attempts.keySet()); }

    private void connectLoop() {
        int failures = 0;
        int target = 0; // which controller URL; moves on after every lost or refused connection
        Backoff backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
        while (!stopped) {
            try {
                while (holdOff && !stopped) Thread.sleep(10);
                TextWebSocket s = TextWebSocket.connect(http, settings.connectUri(target), settings.headers(), Duration.ofSeconds(5), this::onMessage, why -> {});
                synchronized (sendLock) {
                    socket = s;
                    s.send(Json.write(register()));
                    for (Attempt a : attempts.values()) for (WorkerMessage m : a.log()) s.send(Json.write(m));
                    live = true; // the controller reads this connection in order: Register, the resend, then new reports
                }
                long lastBeat = System.nanoTime();
                while (!stopped && s.isOpen()) {
                    // Short waits: the interval is only known once the controller's "registered" arrives.
                    try {
                        s.closedFuture().get(Math.min(heartbeatMs, 50), TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        if (registered && !muted && System.nanoTime() - lastBeat >= heartbeatMs * 1_000_000L) {
                            s.send(Json.write(heartbeat()));
                            lastBeat = System.nanoTime();
                        }
                    }
                }
                if (registered) failures = 0; // a standby's refusal is not a success
                synchronized (sendLock) { live = false; }
                registered = false;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.debug("worker {}: connect failed: {}", settings.workerId(), e.toString());
            }
            if (stopped) return;
            target++;
            // A full round over the replicas without success counts as one failure for the backoff.
            if (target % settings.controllers().size() != 0) continue;
            try {
                Thread.sleep(backoff.delay(failures++, random));
            } catch (InterruptedException e) {
                return;
            }
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

    private void onMessage(String text) {
        ControllerMessage m;
        try {
            m = Json.read(text, ControllerMessage.class);
        } catch (IllegalArgumentException e) {
            log.warn("worker {}: unreadable message from controller: {}", settings.workerId(), e.getMessage());
            return;
        }
        switch (m) {
            case ControllerMessage.Registered r -> {
                heartbeatMs = Math.max(10, r.heartbeatIntervalMs());
                registered = true;
                registeredOnce.countDown();
            }
            case ControllerMessage.Assign a -> run(a);
            case ControllerMessage.Cancel c -> {
                Attempt at = attempts.get(new AttemptRef(c.taskId(), c.attempt()));
                if (at == null) return;
                if (at.finished()) attempts.remove(at.ref); // stale: forget it
                else at.cancel();
            }
            case ControllerMessage.Ack a -> attempts.remove(new AttemptRef(a.taskId(), a.attempt()));
            case ControllerMessage.Drain d -> draining = true;
            case ControllerMessage.Error e -> log.warn("worker {}: controller says {}: {}", settings.workerId(), e.error(), e.message());
        }
    }

    private void run(ControllerMessage.Assign a) {
        AttemptRef ref = new AttemptRef(a.taskId(), a.attempt());
        if (attempts.containsKey(ref)) return; // a repeated assign
        Attempt at = new Attempt(ref);
        attempts.put(ref, at);
        report(at, new WorkerMessage.Started(ref.taskId(), ref.attempt()));
        Map<String, String> env = Map.of("ADO_TASK_ID", ref.taskId(), "ADO_ATTEMPT", Integer.toString(ref.attempt()),
                "ADO_WORKER_ID", settings.workerId());
        TaskRuntime rt = runtimes.get(a.spec().runtime());
        OutputSink sink = (stream, data) -> {
            // stdout and stderr readers race: number and record under one lock so the log is in seq order
            synchronized (sendLock) { report(at, new WorkerMessage.Output(ref.taskId(), ref.attempt(), at.nextSeq(), stream, data)); }
        };
        // Spawning costs milliseconds: do it off the socket's reader so "started" and the next messages are not held up.
        Thread.ofVirtual().name("spawn-" + ref.taskId()).start(() -> {
            RunningTask task = rt.start(a.spec(), env, sink);
            at.started(task);
            task.outcome().thenAccept(o -> report(at, o.isFailure()
                    ? new WorkerMessage.Failed(ref.taskId(), ref.attempt(), o.error(), o.exitCode())
                    : new WorkerMessage.Completed(ref.taskId(), ref.attempt(), o.exitCode())));
        });
    }

    /** Records then sends: if the socket is down the message goes out with the resend on reconnect. */
    private void report(Attempt at, WorkerMessage m) {
        synchronized (sendLock) {
            at.record(m);
            TextWebSocket s = socket;
            if (s != null && live) s.send(Json.write(m));
        }
    }

    /** SIGTERM path: take no new work, let running attempts finish until the deadline, then leave (the rest are handed back). */
    public void drain(Duration deadline) throws InterruptedException {
        draining = true;
        TextWebSocket s = socket;
        if (s != null && registered) s.send(Json.write(heartbeat()));
        long end = System.nanoTime() + deadline.toNanos();
        while (!attempts.isEmpty() && System.nanoTime() < end) Thread.sleep(20);
        close();
    }

    /**
     * Simulates a network partition: drops the connection without a goodbye and, while
     * {@code hold} is true, does not reconnect. Tasks keep running and their reports are kept.
     */
    public void partition(boolean hold) {
        holdOff = hold;
        TextWebSocket s = socket;
        if (hold && s != null) s.abort("partitioned");
    }

    /** Simulates a hung worker (as SIGSTOP would): the connection stays open but no heartbeats go out. */
    public void muteHeartbeats(boolean mute) { muted = mute; }

    /** Simulates kill -9 of the worker: connection gone, its processes killed, no goodbye. */
    public void crash() {
        stopped = true;
        if (loop != null) loop.interrupt();
        TextWebSocket s = socket;
        if (s != null) s.abort("crashed");
        for (Attempt a : attempts.values()) a.cancel();
    }

    @Override
    public void close() {
        stopped = true;
        if (loop != null) loop.interrupt();
        TextWebSocket s = socket;
        if (s != null) s.close();
        for (Attempt a : attempts.values()) a.cancel();
    }

}
