package io.ado.worker;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.WorkerMessage;
import io.ado.runtime.Backoff;
import io.ado.worker.ControllerConnector.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one connection to the controller: connects (the replicas in turn, backing off
 * after each round without a registration), opens every connection with the register and the
 * resend of the {@link ReportLog}, then sends reports as they are made, and heartbeats at the
 * interval the controller's "registered" gave. Connects, reconnects and heartbeats are tasks
 * on the injected scheduler.
 */
final class ControllerLink {
    private static final Logger log = LoggerFactory.getLogger(ControllerLink.class);

    private final WorkerSettings settings;
    private final AgentDependencies deps;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final Supplier<WorkerMessage.Register> register;
    private final Supplier<WorkerMessage.Heartbeat> heartbeat;
    private final Consumer<ControllerMessage> onMessage;
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
    private volatile boolean stopped;

    ControllerLink(WorkerSettings settings, AgentDependencies deps, Supplier<WorkerMessage.Register> register,
                   Supplier<WorkerMessage.Heartbeat> heartbeat, Consumer<ControllerMessage> onMessage) {
        this.settings = settings;
        this.deps = deps;
        this.scheduler = deps.scheduler();
        this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
        this.register = register;
        this.heartbeat = heartbeat;
        this.onMessage = onMessage;
    }

    void start() { scheduler.execute(this::connect); }

    boolean isConnected() {
        Connection c;
        synchronized (sendLock) { c = conn; }
        return registered && c != null && c.isOpen();
    }

    private void connect() {
        if (stopped) return;
        Connection c;
        try {
            c = deps.connector().connect(settings.connectUri(target), settings.headers(), onMessage);
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
            c.send(register.get());
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

    /** The controller took us: heartbeats start now, at the interval it asks for. */
    void registered(long heartbeatIntervalMs) {
        long intervalMs = Math.max(10, heartbeatIntervalMs);
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
    }

    /** Sends a heartbeat now, if registered. */
    void beat() {
        Connection c;
        synchronized (sendLock) { c = conn; }
        if (c == null || !registered) return;
        try {
            c.send(heartbeat.get());
        } catch (RuntimeException e) { // a periodic task that throws is never run again
            log.warn("worker {}: heartbeat failed: {}", settings.workerId(), e.toString());
        }
    }

    /**
     * Makes a report under the send lock, so what {@code make} numbers goes out in that order,
     * records it, and sends it if connected: if not, it goes out with the resend on reconnect.
     */
    void report(Supplier<WorkerMessage> make) {
        synchronized (sendLock) {
            WorkerMessage m = make.get();
            reports.add(m);
            if (conn != null) conn.send(m);
        }
    }

    /** Stops resending {@code ref}'s reports; {@code alongside} runs under the same lock, so a register never disagrees with its resend. */
    void forget(AttemptRef ref, Runnable alongside) {
        synchronized (sendLock) {
            alongside.run();
            reports.forget(ref);
        }
    }

    /** Runs {@code task} on the scheduler after {@code delay}, unless the link is closed. */
    void schedule(Runnable task, Duration delay) {
        synchronized (sendLock) {
            if (!stopped) scheduler.schedule(task, delay.toMillis(), MILLISECONDS);
        }
    }

    /** Stops for good: no reconnect, no heartbeat; the connection closes with a goodbye. False if already closed. */
    boolean close() {
        Connection c;
        synchronized (sendLock) {
            if (stopped) return false;
            stopped = true;
            c = conn;
            conn = null;
            if (heartbeats != null) heartbeats.cancel(false);
        }
        if (c != null) c.close();
        return true;
    }
}
