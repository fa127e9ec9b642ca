package io.ado.controller.plane;

import io.ado.controller.spawner.SpawnedInstance;
import io.ado.controller.state.EventBus;
import io.ado.controller.state.JoinTokenRecord;
import io.ado.controller.state.StateStore;
import io.ado.controller.state.TaskRecord;
import io.ado.controller.state.WorkerRow;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerStatus;
import io.ado.runtime.Behavior;
import io.ado.runtime.ExitReason;
import io.ado.runtime.From;
import io.ado.runtime.ProcessContext;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.Result;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one runtime process that owns workers and tasks: a thin shell around the pure
 * {@link Reconciler}. Messages arrive one at a time, so no locks: it reads the clock once per
 * message, asks the reconciler for plans, makes each plan's writes in the open batch (group
 * commit: one transaction for a burst of messages) and its changes in memory, and hands its
 * effects to {@link Effects}, released only once the batch is committed. Calls get a value or
 * an {@link ApiException} back. Anything else that goes wrong crashes the process: the batch
 * is rolled back with the half-done message in it, and the supervisor starts a new control
 * plane from the store.
 */
public final class ControlPlane implements Behavior<ControlPlane.State> {
    private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

    public sealed interface Msg {}
    public record FromWorker(WorkerLink link, WorkerMessage message) implements Msg {}
    public record Disconnected(WorkerLink link) implements Msg {}
    public record Submit(TaskSpec spec) implements Msg {}
    /** Several tasks at once: created in one batch, so all of them are stored or none. */
    public record SubmitAll(List<TaskSpec> specs) implements Msg {}
    public record Cancel(String taskId) implements Msg {}
    public record Drain(String workerId) implements Msg {}
    public record ListWorkers() implements Msg {}
    public record Tick() implements Msg {}
    public record Status() implements Msg {}
    /** {@code ado admin scale N}: keep at least {@code floor} workers (null or 0 clears it); replies with the floor. */
    public record Scale(Integer floor) implements Msg {}
    /** From the spawner: the worker of a {@link Plan.PoolAction.Spawn} was created ({@code error} null) or could not be. */
    public record Spawned(String workerId, long decision, String error) implements Msg {}
    /** From the spawner: the worker of a {@link Plan.PoolAction.Terminate} is gone ({@code error} null) or could not be stopped. */
    public record Terminated(String workerId, long decision, String error) implements Msg {}
    /** From the spawner: every worker of the pool it sees, or why it could not list them. */
    public record Inventory(List<SpawnedInstance> instances, String error) implements Msg {}
    /** {@code POST /api/v1/admin/tokens}: a join token for {@code workerId}; {@code ttl} null: the configured default. Answers a {@code JoinTokenGrant}. */
    public record MintJoinToken(String workerId, Duration ttl) implements Msg {}
    /** Sent to itself after the first message of a batch; arrives after everything queued so far. */
    record Flush() {}

    private final PlaneSettings settings;
    private final StateStore store;
    private final EventBus events;
    private final Clock clock;
    private final RandomGenerator random;
    private final RandomGenerator secrets;
    private final Consumer<ProcessRef> started;
    private final WorkerPool pool;
    private PlaneObserver observer = PlaneObserver.NONE;

    public ControlPlane(PlaneSettings settings, StateStore store, EventBus events, Clock clock, RandomGenerator random) {
        this(settings, store, events, clock, random, ref -> {}, WorkerPool.NONE);
    }

    /** @param started told this process's ref once init has rebuilt the state (each restart is a new process) */
    public ControlPlane(PlaneSettings settings, StateStore store, EventBus events, Clock clock, RandomGenerator random, Consumer<ProcessRef> started) {
        this(settings, store, events, clock, random, new SecureRandom(), started, WorkerPool.NONE);
    }

    /** @param secrets draws join tokens and reconnect credentials: a {@link SecureRandom} but in tests */
    public ControlPlane(PlaneSettings settings, StateStore store, EventBus events, Clock clock, RandomGenerator random, RandomGenerator secrets,
                        Consumer<ProcessRef> started) {
        this(settings, store, events, clock, random, secrets, started, WorkerPool.NONE);
    }

    /** @param pool carries out the scaling round's spawns and terminations, after their batch commits */
    public ControlPlane(PlaneSettings settings, StateStore store, EventBus events, Clock clock, RandomGenerator random, Consumer<ProcessRef> started,
                        WorkerPool pool) {
        this(settings, store, events, clock, random, new SecureRandom(), started, pool);
    }

    /**
     * @param started told this process's ref once init has rebuilt the state (each restart is a new process)
     * @param secrets draws join tokens and reconnect credentials
     * @param pool carries out the scaling round's spawns and terminations, after their batch commits
     */
    public ControlPlane(PlaneSettings settings, StateStore store, EventBus events, Clock clock, RandomGenerator random, RandomGenerator secrets,
                        Consumer<ProcessRef> started, WorkerPool pool) {
        this.pool = pool;
        this.settings = settings;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.random = random;
        this.secrets = secrets;
        this.started = started;
    }

    /** Tells {@code o} what this plane does (before it starts); returns this plane. */
    public ControlPlane observedBy(PlaneObserver o) {
        this.observer = o;
        return this;
    }

    /** Touched only by the process thread. */
    public static final class State {
        final PlaneState plane = new PlaneState();
        final Effects fx;
        final Reconciler reconciler;
        boolean batchOpen;

        State(Effects fx, PlaneSettings settings, StoreLookup store, TaskIds ids, JoinTokens tokens, RandomGenerator random) {
            this.fx = fx;
            this.reconciler = new Reconciler(settings, plane, store, ids, tokens, random);
        }
    }

    @Override
    public State init(Object args) {
        State s = new State(new Effects(events), settings, StoreLookup.of(store), new TaskIds(random),
                new JoinTokens(secrets, settings.security().joinTokenTtl()), random);
        long now = clock.millis();
        store.begin(); // one checked transaction: a fenced-off replica must not write even here
        try {
            // Known workers come back as disconnected; their attempts stay theirs until the window closes.
            for (WorkerRow row : store.workers()) {
                if (row.status() != WorkerStatus.OFFLINE) s.plane.registry.put(WorkerRows.recovered(row, now + Rounds.RESTART_GRACE_MS));
            }
            for (TaskRecord t : store.unfinishedTasks()) s.plane.book.load(t, store.attempts(t.id()));
            // Validation at register is then a memory lookup: the unexpired join tokens, the registered workers' reconnect hashes.
            for (JoinTokenRecord t : store.joinTokens(now)) s.plane.credentials.load(t);
            store.reconnectHashes().forEach((id, hash) -> {
                if (s.plane.registry.lookup(id).isPresent()) s.plane.credentials.loadReconnect(id, hash);
            });
            apply(s, s.reconciler.rounds().recovered(now), now);
            apply(s, s.reconciler.rounds().scale(now), now);
            publishSnapshot(s, now);
            store.commit();
        } catch (RuntimeException e) {
            store.rollback(); // a failed start must not leave its transaction (and connection) open
            throw e;
        }
        s.fx.release();
        ProcessContext.current().sendAfter(new Tick(), settings.tickInterval()); // the rounds' timer, re-armed on each tick
        started.accept(ProcessContext.current().self());
        return s;
    }

    @Override
    public Result<State> handleCall(Object msg, From from, State s) {
        if (!(msg instanceof Msg m) || isCast(msg)) {
            from.reply(new ApiException(500, "internal", "not a call: " + msg));
            return Result.noReply(s);
        }
        long now = clock.millis();
        openBatch(s);
        Object reply;
        try {
            reply = value(s, s.reconciler.run(m, now, p -> apply(s, p, now)));
        } catch (ApiException e) {
            reply = e; // refused before anything was planned
        }
        s.fx.reply(from, reply);
        return Result.noReply(s);
    }

    @Override
    public Result<State> handleCast(Object msg, State s) {
        if (msg instanceof Flush) {
            try {
                flush(s);
            } catch (RuntimeException e) {
                // Memory now holds changes the store does not: stop, and let the owner start a
                // fresh control plane from the store (or stand by, if we were fenced off).
                log.error("control plane commit failed; stopping: {}", e.getMessage());
                return Result.stop(ExitReason.custom("commit failed: " + e.getMessage()), s);
            }
            return Result.noReply(s);
        }
        if (!isCast(msg)) {
            log.warn("unexpected cast {}", msg);
            return Result.noReply(s);
        }
        openBatch(s);
        long now = clock.millis();
        s.reconciler.run((Msg) msg, now, p -> apply(s, p, now)); // a failure here ends the process: see terminate
        if (msg instanceof Tick) publishSnapshot(s, now); // at most once a tick, after its dispatch: never per submit
        return Result.noReply(s);
    }

    /** Messages that get no reply: from workers and the spawner, and the tick. */
    private static boolean isCast(Object msg) {
        return msg instanceof FromWorker || msg instanceof Disconnected || msg instanceof Tick || msg instanceof Spawned || msg instanceof Terminated
                || msg instanceof Inventory;
    }

    /** The rounds' timer (a runtime timer, so a ManualClock drives it in tests): re-armed first, then the tick is handled as a cast. */
    @Override
    public Result<State> handleInfo(Object msg, State s) {
        if (!(msg instanceof Tick)) {
            log.warn("unexpected message {}", msg);
            return Result.noReply(s);
        }
        ProcessContext.current().sendAfter(msg, settings.tickInterval());
        return handleCast(msg, s);
    }

    /** Makes a plan's writes in the open batch and its changes in memory, and holds its effects back for the commit. */
    private void apply(State s, Plan p, long now) {
        for (StoreWrite w : p.writes()) StoreWriter.write(store, w);
        s.plane.apply(p);
        for (Plan.TaskStream t : p.streams()) s.fx.publish(t.taskId(), t.message());
        for (ControllerEvent e : p.events()) s.fx.event(e);
        for (Plan.Send m : p.sends()) s.fx.send(m.link(), m.message());
        for (Plan.Close c : p.closes()) s.fx.close(c.link(), c.reason());
        for (Plan.PoolAction a : p.pool()) s.fx.pool(pool, a);
        if (observer != PlaneObserver.NONE) s.fx.later(() -> observer.applied(p, now));
    }

    private void publishSnapshot(State s, long now) {
        if (observer == PlaneObserver.NONE) return;
        PlaneSnapshot snap = s.reconciler.rounds().snapshot(now);
        s.fx.later(() -> observer.snapshot(snap));
    }

    /** A call's reply; task views are read from memory after the plan's rounds (no store read). */
    private static Object value(State s, Plan.Reply reply) {
        return switch (reply) {
            case Plan.Reply.None n -> null;
            case Plan.Reply.Value v -> v.value();
            case Plan.Reply.TaskViews v -> v.single() ? s.plane.book.view(v.ids().get(0)) : v.ids().stream().map(s.plane.book::view).toList();
        };
    }

    /** Group commit: the first message of a batch opens a transaction and queues a Flush behind what is already waiting. */
    private void openBatch(State s) {
        if (s.batchOpen) return;
        store.begin();
        s.batchOpen = true;
        ProcessContext self = ProcessContext.current();
        self.runtime().cast(self.self(), new Flush());
    }

    private void flush(State s) {
        s.batchOpen = false;
        long began = System.nanoTime();
        try {
            store.commit();
        } catch (RuntimeException e) {
            s.fx.discard(); // nothing the rolled-back batch decided may reach a worker or a subscriber
            throw e;
        }
        observer.committed(System.nanoTime() - began);
        s.fx.release();
    }

    /**
     * A shutdown (not a kill: a deposed leader is killed) commits the open batch, so its callers
     * get their answers. After a crash the batch may hold half a message: it is rolled back and
     * nothing it decided is heard of.
     */
    @Override
    public void terminate(ExitReason reason, State s) {
        if (!s.batchOpen) return;
        s.batchOpen = false;
        if (!(reason instanceof ExitReason.Shutdown)) {
            if (reason instanceof ExitReason.Crash c) log.error("control plane crashed; its batch is rolled back", c.cause());
            store.rollback();
            s.fx.discard();
            return;
        }
        s.batchOpen = true;
        try {
            flush(s);
        } catch (RuntimeException e) {
            log.warn("control plane: last batch not committed on stop: {}", e.getMessage());
        }
    }
}
