package io.ado.controller.plane;

import io.ado.controller.balancer.LoadBalancer;
import io.ado.controller.health.HealthPolicy;
import io.ado.controller.plane.ControlPlane.Msg;
import io.ado.controller.plane.ControllerEvent.TaskStaleReport;
import io.ado.controller.plane.ControllerEvent.WorkerDisconnected;
import io.ado.controller.plane.ControllerEvent.WorkerDraining;
import io.ado.controller.plane.ControllerEvent.WorkerHighCpu;
import io.ado.controller.plane.ControllerEvent.WorkerHighMemory;
import io.ado.controller.plane.ControllerEvent.WorkerJoinRefused;
import io.ado.controller.plane.ControllerEvent.WorkerRecovered;
import io.ado.controller.plane.ControllerEvent.WorkerRegistered;
import io.ado.controller.registry.WorkerEntry;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Protocol;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerStatus;
import io.ado.protocol.WorkerView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The control plane's decisions. For one message it reads the plane's memory (never changing
 * it), the clock's {@code now} and, through {@link StoreLookup}, the few store rows a decision
 * needs, and returns a {@link Plan}: what to write, whom to tell what, which rounds follow.
 * The periodic rounds (health, rebalance, dispatch, scaling) are in {@link Rounds}.
 */
final class Reconciler {
    private final PlaneSettings settings;
    private final PlaneState s;
    private final TaskIds ids;
    private final TaskPlans tasks;
    private final HealthPolicy health;
    private final Rounds rounds;
    private final SpawnerReports spawner;
    private final JoinTokens tokens;

    Reconciler(PlaneSettings settings, PlaneState state, StoreLookup store, TaskIds ids, JoinTokens tokens) {
        this(settings, state, store, ids, tokens, new SplittableRandom(1));
    }

    /** @param random names the workers the scaling round spawns */
    Reconciler(PlaneSettings settings, PlaneState state, StoreLookup store, TaskIds ids, JoinTokens tokens, RandomGenerator random) {
        this.settings = settings;
        this.s = state;
        this.ids = ids;
        this.tokens = tokens;
        this.tasks = new TaskPlans(state.book, store);
        this.health = new HealthPolicy(settings.health());
        this.rounds = new Rounds(settings, state, tasks, new LoadBalancer(settings.balancer().maxTasksPerWorker()), health, tokens, random);
        this.spawner = new SpawnerReports(settings.scaling(), state);
    }

    Rounds rounds() { return rounds; }

    /** Mints join tokens and reconnect credentials (the scaling manager's spawns use it too). */
    JoinTokens tokens() { return tokens; }

    /**
     * The message's plan, then the rounds it asks for, each planned on the state the one before
     * left (so {@code apply} must apply a plan to the state before it returns).
     *
     * @return the message's reply
     * @throws ApiException when a call is refused; nothing was planned
     */
    Plan.Reply run(Msg msg, long now, Consumer<Plan> apply) {
        Plan p = plan(msg, now);
        apply.accept(p);
        if (p.then().rebalance()) apply.accept(rounds.rebalance(now));
        if (p.then().dispatch()) apply.accept(rounds.dispatch(now));
        if (p.then().scale()) apply.accept(rounds.scale(now));
        return p.reply();
    }

    Plan plan(Msg msg, long now) {
        Plan.Builder b = new Plan.Builder();
        switch (msg) {
            case ControlPlane.FromWorker m -> fromWorker(b, m.link(), m.message(), now);
            case ControlPlane.Disconnected m -> disconnected(b, m.link(), now);
            case ControlPlane.Tick t -> rounds.health(b, now);
            case ControlPlane.Submit m -> b.reply(new Plan.Reply.TaskViews(List.of(submit(b, m.spec(), now)), true)).dispatch();
            case ControlPlane.SubmitAll m -> {
                List<String> created = new ArrayList<>(m.specs().size());
                for (TaskSpec spec : m.specs()) created.add(submit(b, spec, now));
                b.reply(new Plan.Reply.TaskViews(created, false)).dispatch();
            }
            case ControlPlane.Cancel m -> cancel(b, m.taskId(), now);
            case ControlPlane.Drain m -> drain(b, m.workerId(), now);
            case ControlPlane.ListWorkers m -> b.reply(new Plan.Reply.Value(
                    s.registry.all().stream().map(WorkerEntry::view).sorted(Comparator.comparing(WorkerView::id)).toList()));
            case ControlPlane.MintJoinToken m -> b.reply(new Plan.Reply.Value(tokens.grant(b, m.workerId(), m.ttl(), now)));
            case ControlPlane.Status m -> b.reply(new Plan.Reply.Value(new PlaneStatus(s.registry.size(), s.book.activeCount(),
                    s.book.queued(), s.scaling.lastDecision().toString(), rounds.scalingView())));
            case ControlPlane.Spawned m -> spawner.spawned(b, m, now);
            case ControlPlane.Terminated m -> spawner.terminated(b, m, now);
            case ControlPlane.Inventory m -> spawner.inventory(b, m, now);
            case ControlPlane.Scale m -> {
                spawner.floor(b, m);
                b.reply(new Plan.Reply.Value(m.floor() == null ? 0 : m.floor()));
            }
        }
        if (settings.scaling().spawns() && (msg instanceof ControlPlane.Submit || msg instanceof ControlPlane.SubmitAll)) b.scale(); // react at once, not on the next tick
        return b.build();
    }

    private String submit(Plan.Builder b, TaskSpec spec, long now) {
        return tasks.submit(b, ids.next(now), spec, settings.defaultRetries(), now).id();
    }

    // ---- worker protocol -----------------------------------------------------------------

    private void fromWorker(Plan.Builder b, WorkerLink link, WorkerMessage msg, long now) {
        if (msg instanceof WorkerMessage.Register r) { register(b, link, r, now); return; }
        String workerId = s.owner(link);
        if (workerId == null) {
            b.send(link, new ControllerMessage.Error("not_registered", "send register first")).close(link, "not registered");
            return;
        }
        if (s.link(workerId) != link) return; // a replaced or unregistered connection: ignore
        WorkerEntry w = s.registry.lookup(workerId).orElse(null);
        if (w == null) return;
        switch (msg) {
            case WorkerMessage.Heartbeat h -> {
                WorkerEntry next = w.heartbeat(now, h.cpuPercent(), h.memoryPercent(), h.draining());
                b.put(next);
                if (health.recovers(w)) {
                    b.event(new WorkerRecovered(workerId, now)).write(new StoreWrite.SaveWorker(WorkerRows.row(next))).dispatch();
                }
                if (health.highCpu(h.cpuPercent())) b.event(new WorkerHighCpu(workerId, h.cpuPercent(), now));
                if (health.highMemory(h.memoryPercent())) b.event(new WorkerHighMemory(workerId, h.memoryPercent(), now));
            }
            case WorkerMessage.Started m -> {
                AttemptRef ref = new AttemptRef(m.taskId(), m.attempt());
                if (s.book.isCurrent(ref, workerId)) tasks.started(b, ref, now);
            }
            case WorkerMessage.Output m -> {
                AttemptRef ref = new AttemptRef(m.taskId(), m.attempt());
                if (s.book.isCurrent(ref, workerId)) tasks.output(b, ref, m.seq(), m.stream(), m.data(), now);
            }
            case WorkerMessage.Completed m -> finished(b, link, w, new AttemptRef(m.taskId(), m.attempt()),
                    m.exitCode() == 0 ? TaskStatus.COMPLETED : TaskStatus.FAILED, m.exitCode(), m.exitCode() == 0 ? null : "exit code " + m.exitCode(), now);
            case WorkerMessage.Failed m -> finished(b, link, w, new AttemptRef(m.taskId(), m.attempt()), TaskStatus.FAILED, m.exitCode(), m.reason(), now);
            case WorkerMessage.Register r -> throw new AssertionError("handled above");
        }
    }

    private void finished(Plan.Builder b, WorkerLink link, WorkerEntry w, AttemptRef ref, TaskStatus end, Integer code, String error, long now) {
        if (s.book.isCurrent(ref, w.id())) {
            tasks.finish(b, ref, end, code, error, now);
            b.put(w.minus(ref, end == TaskStatus.COMPLETED)).send(link, new ControllerMessage.Ack(ref.taskId(), ref.attempt())).dispatch();
            if (settings.scaling().spawns()) b.scale();
        } else if (tasks.alreadyFinished(ref, w.id())) {
            b.send(link, new ControllerMessage.Ack(ref.taskId(), ref.attempt())); // our ack was lost: say it again
        } else {
            // Fenced: this attempt was reassigned (or cancelled); its result must not count.
            b.put(w.minus(ref, null)).event(new TaskStaleReport(ref.taskId(), ref.attempt(), w.id(), now));
            b.send(link, new ControllerMessage.Cancel(ref.taskId(), ref.attempt(), "stale attempt: the task was reassigned or ended"));
        }
    }

    /**
     * Register reconciliation: of the attempts the worker reports, the current ones are kept, the
     * ones that ended as it reported them are left be, and every other one is cancelled as stale;
     * an attempt we knew it had but it no longer reports is lost (retried while the budget lasts).
     * First its credentials are checked ({@link JoinTokenCheck}): a refusal changes nothing; a join
     * token is consumed in the same plan, and the worker gets a reconnect credential with its
     * {@code registered}.
     */
    private void register(Plan.Builder b, WorkerLink link, WorkerMessage.Register r, long now) {
        if (r.protocolVersion() != Protocol.VERSION) {
            b.send(link, new ControllerMessage.Error("protocol_version", "controller speaks version " + Protocol.VERSION + ", worker " + r.protocolVersion()));
            b.close(link, "protocol version mismatch");
            return;
        }
        JoinTokenCheck.Verdict verdict = JoinTokenCheck.check(s.credentials, s.registry.lookup(r.workerId()).isPresent(), link, r, now);
        if (verdict instanceof JoinTokenCheck.Verdict.Refused no) {
            b.send(link, new ControllerMessage.Error("join_refused", no.reason())).close(link, "join refused");
            b.event(new WorkerJoinRefused(r.workerId(), no.reason(), now));
            return;
        }
        WorkerLink old = s.link(r.workerId());
        b.link(new Plan.LinkChange.Bind(r.workerId(), link));
        if (old != null && old != link) b.close(old, "replaced by a new connection");
        WorkerEntry before = s.registry.lookup(r.workerId()).orElse(null);
        Set<AttemptRef> keep = new HashSet<>();
        for (AttemptRef ref : r.running()) {
            if (s.book.isCurrent(ref, r.workerId())) keep.add(ref);
            else if (!tasks.alreadyFinished(ref, r.workerId())) {
                b.send(link, new ControllerMessage.Cancel(ref.taskId(), ref.attempt(), "stale attempt: the task was reassigned or ended"));
            }
        }
        for (AttemptRef ref : before == null ? Set.<AttemptRef>of() : before.running()) {
            if (!keep.contains(ref)) tasks.workerLost(b, ref, "worker " + r.workerId() + " came back without the attempt", now);
        }
        WorkerEntry entry = WorkerEntry.registered(r, keep, now, before);
        b.put(entry).write(new StoreWrite.SaveWorker(WorkerRows.row(entry)));
        String reconnect = null;
        if (verdict instanceof JoinTokenCheck.Verdict.Joined j) {
            b.write(new StoreWrite.UseJoinToken(j.token().tokenHash(), now));
            reconnect = tokens.issueReconnect(b, r.workerId());
        }
        b.send(link, new ControllerMessage.Registered(Protocol.VERSION, r.workerId(), settings.health().heartbeatInterval().toMillis(), reconnect));
        b.event(new WorkerRegistered(r.workerId(), before != null, keep.size(), now)).dispatch().scale();
    }

    private void disconnected(Plan.Builder b, WorkerLink link, long now) {
        String workerId = s.owner(link);
        b.link(new Plan.LinkChange.Forget(link));
        if (workerId == null || s.link(workerId) != link) return;
        s.registry.lookup(workerId).ifPresent(w -> {
            WorkerEntry next = w.withStatus(WorkerStatus.DISCONNECTED, now);
            b.put(next).write(new StoreWrite.SaveWorker(WorkerRows.row(next))).event(new WorkerDisconnected(workerId, now));
        });
    }

    // ---- calls ---------------------------------------------------------------------------

    private void cancel(Plan.Builder b, String taskId, long now) {
        TaskRecord t = s.book.get(taskId);
        if (t == null) {
            TaskRecord done = tasks.storedTask(taskId).orElseThrow(() -> ApiException.notFound("task", taskId));
            throw ApiException.conflict("task " + taskId + " is already " + done.status().wireName());
        }
        if (t.workerId() != null && t.status() != TaskStatus.PENDING) {
            AttemptRef ref = new AttemptRef(t.id(), t.attempt());
            WorkerLink link = s.link(t.workerId());
            if (link != null) b.send(link, new ControllerMessage.Cancel(t.id(), t.attempt(), "cancelled by user"));
            s.registry.lookup(t.workerId()).ifPresent(w -> b.put(w.minus(ref, null)));
        }
        tasks.cancel(b, t, now);
        b.reply(new Plan.Reply.Value(taskId)).dispatch();
    }

    private void drain(Plan.Builder b, String workerId, long now) {
        WorkerEntry w = s.registry.lookup(workerId).orElseThrow(() -> ApiException.notFound("worker", workerId));
        WorkerEntry next = w.withStatus(WorkerStatus.DRAINING, now);
        b.put(next).write(new StoreWrite.SaveWorker(WorkerRows.row(next)));
        WorkerLink link = s.link(workerId);
        if (link != null) b.send(link, new ControllerMessage.Drain("drained through the API"));
        b.event(new WorkerDraining(workerId, now)).reply(new Plan.Reply.Value(next.view()));
    }
}
