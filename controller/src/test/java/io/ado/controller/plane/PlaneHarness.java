package io.ado.controller.plane;

import io.ado.controller.state.OutputChunk;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.JoinTokenGrant;
import io.ado.protocol.Protocol;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskView;
import io.ado.protocol.WorkerMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Nomad's scheduler {@code Harness} for the control plane: feeds messages to the
 * {@link Reconciler} at a {@code now} the test moves, applies each plan to the plane's memory
 * (no store, no threads, no sockets) and records every plan, so a test asserts what was decided.
 * The store view is a fake that keeps the rows the plans wrote.
 */
final class PlaneHarness {
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    final PlaneState state = new PlaneState();
    final FakeStore store = new FakeStore();
    final Reconciler reconciler;
    final List<Plan> plans = new ArrayList<>();
    long now = T0;

    PlaneHarness() { this(PlaneSettings.DEFAULTS); }

    PlaneHarness(PlaneSettings settings) {
        reconciler = new Reconciler(settings, state, store, new TaskIds(new SplittableRandom(1)),
                new JoinTokens(new SplittableRandom(2), settings.security().joinTokenTtl()));
        apply(reconciler.rounds().recovered(now)); // a first start: sets when the periodic rounds are due
    }

    /** Feeds one message; returns the plans it made, the message's own first, then its rounds. */
    Decision feed(ControlPlane.Msg m) {
        int from = plans.size();
        Plan.Reply reply = reconciler.run(m, now, this::apply);
        return new Decision(List.copyOf(plans.subList(from, plans.size())), reply);
    }

    private void apply(Plan p) {
        plans.add(p);
        state.apply(p);
        store.follow(p);
    }

    void advance(Duration d) { now += d.toMillis(); }

    // ---- the messages most tests send ----------------------------------------------------

    Decision register(RecordingLink link, String workerId, int slots, AttemptRef... running) {
        return feed(new ControlPlane.FromWorker(link, new WorkerMessage.Register(Protocol.VERSION, workerId, "h", List.of("shell"), 2, 1L << 30,
                "api", null, slots, List.of(running))));
    }

    /** A register presenting a join token or a reconnect credential (either may be null). */
    Decision registerWith(RecordingLink link, String workerId, String joinToken, String reconnectToken) {
        return feed(new ControlPlane.FromWorker(link, new WorkerMessage.Register(Protocol.VERSION, workerId, "h", List.of("shell"), 2, 1L << 30,
                "api", null, 1, List.of(), joinToken, reconnectToken)));
    }

    /** {@code ado admin token create}: a join token for {@code workerId} ({@code ttl} null: the default). */
    JoinTokenGrant mint(String workerId, Duration ttl) {
        return (JoinTokenGrant) ((Plan.Reply.Value) feed(new ControlPlane.MintJoinToken(workerId, ttl)).reply()).value();
    }

    Decision tell(RecordingLink link, WorkerMessage m) { return feed(new ControlPlane.FromWorker(link, m)); }

    Decision heartbeat(RecordingLink link) { return tell(link, new WorkerMessage.Heartbeat(5, 5, List.of(), false)); }

    Decision tick() { return feed(new ControlPlane.Tick()); }

    String submit(TaskSpec spec) {
        Plan.Reply.TaskViews v = (Plan.Reply.TaskViews) feed(new ControlPlane.Submit(spec)).reply();
        return v.ids().get(0);
    }

    TaskView view(String taskId) { return state.book.view(taskId); }

    /** The plans one message made, and its reply. */
    record Decision(List<Plan> plans, Plan.Reply reply) {
        Plan first() { return plans.get(0); }

        /** Every plan's parts of one kind, in order. */
        List<ControllerMessage> sends() { return plans.stream().flatMap(p -> p.sends().stream()).map(Plan.Send::message).toList(); }

        <T extends ControllerMessage> List<T> sends(Class<T> type) { return plans.stream().flatMap(p -> p.messages(type).stream()).toList(); }

        <T extends ControllerEvent> List<T> events(Class<T> type) { return plans.stream().flatMap(p -> p.events(type).stream()).toList(); }

        <T extends StoreWrite> List<T> writes(Class<T> type) { return plans.stream().flatMap(p -> p.writes(type).stream()).toList(); }

        List<Plan.PoolAction> pool() { return plans.stream().flatMap(p -> p.pool().stream()).toList(); }

        <T extends Plan.PoolAction> List<T> pool(Class<T> type) { return pool().stream().filter(type::isInstance).map(type::cast).toList(); }

        List<Plan.Close> closes() { return plans.stream().flatMap(p -> p.closes().stream()).toList(); }
    }

    /** The store as the plans left it: tasks by id (final ones too, for fencing decisions) and output positions. */
    static final class FakeStore implements StoreLookup {
        final Map<String, TaskRecord> tasks = new HashMap<>();
        final Map<String, Long> lastSeq = new HashMap<>();
        final Map<AttemptRef, Long> lastWorkerSeq = new HashMap<>();

        void follow(Plan p) {
            for (StoreWrite w : p.writes()) {
                switch (w) {
                    case StoreWrite.CreateTask c -> tasks.put(c.task().id(), c.task());
                    case StoreWrite.UpdateTask u -> tasks.put(u.task().id(), u.task().withVersion(u.task().version() + 1));
                    case StoreWrite.AppendOutput o -> {
                        OutputChunk c = o.chunk();
                        lastSeq.put(c.taskId(), c.seq());
                        lastWorkerSeq.put(new AttemptRef(c.taskId(), c.attempt()), c.workerSeq());
                    }
                    default -> { }
                }
            }
        }

        @Override public Optional<TaskRecord> task(String id) { return Optional.ofNullable(tasks.get(id)); }

        @Override public long lastSeq(String taskId) { return lastSeq.getOrDefault(taskId, -1L); }

        @Override public long lastWorkerSeq(String taskId, int attempt) { return lastWorkerSeq.getOrDefault(new AttemptRef(taskId, attempt), -1L); }
    }
}
