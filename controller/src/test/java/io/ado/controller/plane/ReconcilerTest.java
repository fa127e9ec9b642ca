package io.ado.controller.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ado.controller.balancer.BalancerSettings;
import io.ado.controller.balancer.Rebalancer;
import io.ado.controller.health.HealthSettings;
import io.ado.controller.plane.ControllerEvent.TaskCancelled;
import io.ado.controller.plane.ControllerEvent.TaskRebalanced;
import io.ado.controller.plane.ControllerEvent.TaskRetrying;
import io.ado.controller.plane.ControllerEvent.TaskStaleReport;
import io.ado.controller.plane.ControllerEvent.WorkerDisconnected;
import io.ado.controller.plane.ControllerEvent.WorkerRegistered;
import io.ado.controller.plane.ControllerEvent.WorkerUnhealthy;
import io.ado.controller.plane.ControllerEvent.WorkerUnregistered;
import io.ado.controller.plane.PlaneHarness.Decision;
import io.ado.controller.registry.RegistrySettings;
import io.ado.controller.scaling.ScalingPlan;
import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage.Ack;
import io.ado.protocol.ControllerMessage.Assign;
import io.ado.protocol.ControllerMessage.Cancel;
import io.ado.protocol.Event;
import io.ado.protocol.OutputStream;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the control plane decides, plan by plan, through the recording harness: no threads, sockets or database. */
class ReconcilerTest {
    static final String STALE = "stale attempt: the task was reassigned or ended";
    final PlaneHarness h = new PlaneHarness();
    final RecordingLink c1 = new RecordingLink("c1");
    final RecordingLink c2 = new RecordingLink("c2");

    static AttemptRef ref(String taskId, int attempt) { return new AttemptRef(taskId, attempt); }

    static TaskSpec grouped(String command, String group) { return new TaskSpec(command, "shell", null, null, null, null, null, null, group); }

    @Test
    void registerKeepsCurrentAttemptsCancelsStaleOnesAndLosesTheOnesItNoLongerHas() {
        h.register(c1, "w1", 3);
        String a = h.submit(TaskSpec.shell("a")), b = h.submit(TaskSpec.shell("b")), c = h.submit(TaskSpec.shell("c"));
        h.tell(c1, new WorkerMessage.Started(c, 1));
        h.tell(c1, new WorkerMessage.Completed(c, 1, 0));

        // back on a new connection with a (current), c (already finished as it says) and an attempt we never gave; b is missing
        Decision d = h.register(c2, "w1", 3, ref(a, 1), ref(c, 1), ref("t-other", 1));
        Plan own = d.first();
        assertThat(own.cancels()).containsExactly(new Cancel("t-other", 1, STALE));
        assertThat(own.closes()).containsExactly(new Plan.Close(c1, "replaced by a new connection"));
        assertThat(own.events(WorkerRegistered.class)).containsExactly(new WorkerRegistered("w1", true, 1, h.now));
        assertThat(own.events(TaskRetrying.class)).extracting(e -> e.task().id()).containsExactly(b);
        assertThat(own.requeued()).containsExactly(b);
        assertThat(own.writes(StoreWrite.UpdateTask.class)).extracting(u -> u.task().id(), u -> u.task().status(), u -> u.task().error())
                .containsExactly(tuple(b, TaskStatus.PENDING, "worker w1 came back without the attempt"));
        assertThat(own.workers()).singleElement().satisfies(c0 -> assertThat(((Plan.WorkerChange.Put) c0).entry().running()).containsExactly(ref(a, 1)));
        // the dispatch round that follows gives the lost task its second attempt
        assertThat(d.plans().get(1).assignments()).extracting(Assign::taskId, Assign::attempt).containsExactly(tuple(b, 2));
        assertThat(h.state.link("w1")).isSameAs(c2);
    }

    @Test
    void dispatchPlacesTheOldestFirstUpToEachWorkersCapacity() {
        var created = (Plan.Reply.TaskViews) h.feed(new ControlPlane.SubmitAll(List.of(TaskSpec.shell("1"), TaskSpec.shell("2"), TaskSpec.shell("3")))).reply();
        List<String> ids = created.ids();
        assertThat(h.state.book.queued()).isEqualTo(3);

        Decision d = h.register(c1, "w1", 2);
        assertThat(d.plans().get(1).sends()).extracting(Plan.Send::link, s -> ((Assign) s.message()).taskId())
                .containsExactly(tuple(c1, ids.get(0)), tuple(c1, ids.get(1)));
        assertThat(h.state.book.queued()).isEqualTo(1);
        assertThat(h.register(c2, "w2", 2).sends(Assign.class)).extracting(Assign::taskId, Assign::attempt).containsExactly(tuple(ids.get(2), 1));
    }

    @Test
    void maxTasksPerWorkerCapsAWorkerWithMoreSlots() {
        PlaneHarness capped = new PlaneHarness(new PlaneSettings(3, RegistrySettings.DEFAULTS, HealthSettings.DEFAULTS,
                new BalancerSettings("weighted_round_robin", Duration.ofSeconds(30), 1), ScalingSettings.DEFAULTS, SecuritySettings.DEFAULTS));
        capped.register(c1, "w1", 4);
        capped.submit(TaskSpec.shell("1"));
        assertThat(capped.feed(new ControlPlane.Submit(TaskSpec.shell("2"))).sends(Assign.class)).isEmpty();
        assertThat(capped.state.book.queued()).isEqualTo(1);
    }

    @Test
    void dispatchKeepsTasksOfOneGroupOnDifferentWorkers() {
        h.register(c1, "w1", 2);
        h.register(c2, "w2", 2);
        String g1 = h.submit(grouped("1", "g")), g2 = h.submit(grouped("2", "g"));
        Decision third = h.feed(new ControlPlane.Submit(grouped("3", "g")));
        String p = h.submit(TaskSpec.shell("plain"));
        assertThat(h.view(g1).workerId()).isEqualTo("w1"); // a tie: the smaller id
        assertThat(h.view(g2).workerId()).isEqualTo("w2"); // w1 already runs group g
        assertThat(third.sends(Assign.class)).isEmpty();     // both do: it waits, though both have a free slot
        assertThat(h.view(p).workerId()).isEqualTo("w1");
        assertThat(h.state.book.queued()).isEqualTo(1);

        h.tell(c1, new WorkerMessage.Started(g1, 1));
        Decision done = h.tell(c1, new WorkerMessage.Completed(g1, 1, 0));
        String g3 = ((Plan.Reply.TaskViews) third.reply()).ids().get(0);
        assertThat(done.sends()).containsExactly(new Ack(g1, 1), new Assign(g3, 1, grouped("3", "g")));
    }

    @Test
    void rebalanceSelectsOnlyAttemptsThatWaitedAHeartbeatIntervalWithoutStarting() {
        h.register(c1, "w1", 2);
        String a = h.submit(TaskSpec.shell("a")), b = h.submit(TaskSpec.shell("b"));
        h.tell(c1, new WorkerMessage.Started(b, 1)); // running work never moves
        h.register(c2, "w2", 2);
        h.advance(Duration.ofSeconds(5));
        assertThat(h.reconciler.rounds().movable(h.now - 10_000)).isEmpty(); // a was placed 5 s ago: not yet
        h.advance(Duration.ofSeconds(5));
        assertThat(h.reconciler.rounds().movable(h.now - 10_000)).containsOnlyKeys("w1")
                .extractingByKey("w1").asList().containsExactly(new Rebalancer.Movable(a, 1, TaskSpec.shell("a")));

        h.advance(Duration.ofSeconds(19)); // 29 s: the rebalance interval (30 s) has not passed
        h.heartbeat(c1);
        h.heartbeat(c2);
        assertThat(h.tick().first().then().rebalance()).isFalse();
        h.advance(Duration.ofSeconds(1));
        Decision d = h.tick();
        assertThat(d.first().then().rebalance()).isTrue();
        Plan moved = d.plans().get(1);
        assertThat(moved.sends()).containsExactly(new Plan.Send(c1, new Cancel(a, 1, "moved to another worker by rebalance")),
                new Plan.Send(c2, new Assign(a, 2, TaskSpec.shell("a"))));
        assertThat(moved.events(TaskRebalanced.class)).containsExactly(new TaskRebalanced(a, "w1", "w2", 2, h.now));
        assertThat(moved.writes(StoreWrite.SaveAttempt.class)).extracting(s -> s.attempt().attempt(), s -> s.attempt().status())
                .containsExactly(tuple(1, TaskStatus.CANCELLED));
    }

    @Test
    void healthRoundMarksUnhealthyPastTheTimeoutAndUnregistersAfterTheGracePeriod() {
        h.register(c1, "w1", 2);
        String t = h.submit(TaskSpec.shell("t"));
        h.advance(Duration.ofSeconds(30));
        assertThat(h.tick().events(WorkerUnhealthy.class)).isEmpty(); // exactly at the threshold: still fine
        h.advance(Duration.ofMillis(1));
        Decision unhealthy = h.tick();
        assertThat(unhealthy.events(WorkerUnhealthy.class)).containsExactly(new WorkerUnhealthy("w1", "heartbeat_timeout", h.now));
        assertThat(unhealthy.writes(StoreWrite.SaveWorker.class)).extracting(w -> w.worker().status()).containsExactly(WorkerStatus.UNHEALTHY);

        h.advance(Duration.ofMillis(59_999));
        assertThat(h.tick().events(WorkerUnregistered.class)).isEmpty();
        h.advance(Duration.ofMillis(1));
        Decision gone = h.tick();
        assertThat(gone.events(WorkerUnregistered.class)).containsExactly(new WorkerUnregistered("w1", "heartbeat_timeout", h.now));
        assertThat(gone.closes()).containsExactly(new Plan.Close(c1, "unregistered: heartbeat_timeout"));
        assertThat(gone.events(TaskRetrying.class)).extracting(e -> e.task().id(), e -> e.task().error())
                .containsExactly(tuple(t, "worker w1 lost: heartbeat_timeout"));
        assertThat(h.state.registry.lookup("w1")).isEmpty();
        assertThat(gone.first().requeued()).containsExactly(t);
        assertThat(h.state.book.queued()).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionKeepsItsAttemptsInsideTheReconnectWindowOnly() {
        h.register(c1, "w1", 2);
        String t = h.submit(TaskSpec.shell("t"));
        Decision dropped = h.feed(new ControlPlane.Disconnected(c1));
        assertThat(dropped.events(WorkerDisconnected.class)).containsExactly(new WorkerDisconnected("w1", h.now));
        h.advance(Duration.ofMillis(1999));
        assertThat(h.tick().events(WorkerUnregistered.class)).isEmpty();
        Decision back = h.register(c2, "w1", 2, ref(t, 1));
        assertThat(back.sends(Cancel.class)).isEmpty();
        assertThat(back.first().events(WorkerRegistered.class)).containsExactly(new WorkerRegistered("w1", true, 1, h.now));

        h.feed(new ControlPlane.Disconnected(c2));
        h.advance(Duration.ofMillis(2000));
        assertThat(h.tick().events(WorkerUnregistered.class)).containsExactly(new WorkerUnregistered("w1", "connection_lost", h.now));
    }

    @Test
    void aCompletionFromAFencedAttemptDoesNotCountAndAResentOneIsAckedAgain() {
        h.register(c1, "w1", 2);
        String t = h.submit(TaskSpec.shell("t"));
        h.feed(new ControlPlane.Disconnected(c1));
        h.advance(Duration.ofSeconds(2));
        h.tick(); // w1 unregistered: t goes back to the queue
        assertThat(h.register(c2, "w2", 2).sends(Assign.class)).extracting(Assign::attempt).containsExactly(2);

        RecordingLink c3 = new RecordingLink("c3");
        assertThat(h.register(c3, "w1", 2, ref(t, 1)).first().cancels()).containsExactly(new Cancel(t, 1, STALE));
        Decision stale = h.tell(c3, new WorkerMessage.Completed(t, 1, 0));
        assertThat(stale.first().writes()).isEmpty();
        assertThat(stale.events(TaskStaleReport.class)).containsExactly(new TaskStaleReport(t, 1, "w1", h.now));
        assertThat(stale.sends()).containsExactly(new Cancel(t, 1, STALE));

        h.tell(c2, new WorkerMessage.Started(t, 2));
        assertThat(h.tell(c2, new WorkerMessage.Completed(t, 2, 0)).sends()).containsExactly(new Ack(t, 2));
        Decision resent = h.tell(c2, new WorkerMessage.Completed(t, 2, 0)); // our ack was lost
        assertThat(resent.sends()).containsExactly(new Ack(t, 2));
        assertThat(resent.first().writes()).isEmpty();
        assertThat(resent.first().events()).isEmpty();
    }

    @Test
    void cancelOfAQueuedTaskTellsNoWorkerAndOfARunningOneCancelsItsAttempt() {
        String queued = h.submit(TaskSpec.shell("q"));
        Decision q = h.feed(new ControlPlane.Cancel(queued));
        assertThat(q.sends()).isEmpty();
        assertThat(q.writes(StoreWrite.SaveAttempt.class)).isEmpty();
        assertThat(q.first().statusChanges()).extracting(TaskRecord::status, TaskRecord::error, TaskRecord::version)
                .containsExactly(tuple(TaskStatus.CANCELLED, "cancelled by user", 1L));
        assertThat(q.events(TaskCancelled.class)).hasSize(1);
        assertThat(q.reply()).isEqualTo(new Plan.Reply.Value(queued));
        assertThat(h.state.book.queued()).isZero();

        h.register(c1, "w1", 2);
        String running = h.submit(TaskSpec.shell("r"));
        h.tell(c1, new WorkerMessage.Started(running, 1));
        Decision r = h.feed(new ControlPlane.Cancel(running));
        assertThat(r.first().sends()).containsExactly(new Plan.Send(c1, new Cancel(running, 1, "cancelled by user")));
        assertThat(r.writes(StoreWrite.SaveAttempt.class)).extracting(s -> s.attempt().status(), s -> s.attempt().error())
                .containsExactly(tuple(TaskStatus.CANCELLED, "cancelled"));
        assertThat(h.state.registry.lookup("w1").orElseThrow().running()).isEmpty();

        assertThatThrownBy(() -> h.feed(new ControlPlane.Cancel("nope"))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> h.feed(new ControlPlane.Cancel(running))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).isEqualTo("task " + running + " is already cancelled"));
    }

    @Test
    void outputResentAfterAReconnectIsNotStoredTwice() {
        h.register(c1, "w1", 2);
        String t = h.submit(TaskSpec.shell("t"));
        assertThat(h.tell(c1, new WorkerMessage.Started(t, 1)).writes(StoreWrite.UpdateTask.class)).hasSize(1);
        assertThat(h.tell(c1, new WorkerMessage.Started(t, 1)).first().writes()).isEmpty(); // resent
        assertThat(h.tell(c1, new WorkerMessage.Output(t, 1, 0, OutputStream.STDOUT, "a")).writes(StoreWrite.AppendOutput.class))
                .extracting(o -> o.chunk().seq()).containsExactly(0L);
        assertThat(h.tell(c1, new WorkerMessage.Output(t, 1, 0, OutputStream.STDOUT, "a")).first().writes()).isEmpty();
        assertThat(h.tell(c1, new WorkerMessage.Output(t, 1, 1, OutputStream.STDOUT, "b")).writes(StoreWrite.AppendOutput.class))
                .extracting(o -> o.chunk().seq()).containsExactly(1L);
    }

    @Test
    void scalingIsEvaluatedOnEveryTickAndTheStatusReadsTheLastDecision() {
        HealthSettings patient = new HealthSettings(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), 90, 85);
        PlaneHarness s = new PlaneHarness(new PlaneSettings(3, RegistrySettings.DEFAULTS, patient, BalancerSettings.DEFAULTS, ScalingSettings.DEFAULTS,
                SecuritySettings.DEFAULTS));
        assertThat(s.tick().plans().getLast().scaling().lastDecision()).isEqualTo(new ScalingPlan.ScaleUp(2, "below minWorkers 2"));

        for (String w : List.of("w1", "w2", "w3")) s.register(new RecordingLink("c-" + w), w, 2);
        assertThat(s.tick().plans().getLast().scaling().lowUtilizationSince()).isEqualTo(Instant.ofEpochMilli(PlaneHarness.T0));
        assertThat(s.state.scaling.lastDecision()).isEqualTo(new ScalingPlan.None("within thresholds"));
        s.advance(Duration.ofMinutes(5));
        s.tick();
        ScalingPlan down = new ScalingPlan.ScaleDown(1, "utilization 0.0% < 20.0% for 300s");
        assertThat(s.state.scaling.lastDecision()).isEqualTo(down);
        PlaneStatus st = (PlaneStatus) ((Plan.Reply.Value) s.feed(new ControlPlane.Status()).reply()).value();
        assertThat(List.<Object>of(st.workers(), st.unfinishedTasks(), st.queued(), st.scalingAdvice())).containsExactly(3, 0, 0, down.toString());
        assertThat(st.scaling()).extracting(ScalingView::spawner, ScalingView::current, ScalingView::starting).containsExactly("none", 3, 0);

        for (int i = 0; i < 6; i++) s.submit(TaskSpec.shell("busy " + i)); // every slot taken
        s.tick();
        assertThat(s.state.scaling.lowUtilizationSince()).isNull();
        assertThat(s.state.scaling.lastDecision()).isEqualTo(new ScalingPlan.ScaleUp(1, "utilization 100.0% > 80.0%"));
    }

    @Test
    void heartbeatsAboveTheThresholdsRaiseAnomalyEvents() {
        h.register(c1, "w1", 2);
        assertThat(h.tell(c1, new WorkerMessage.Heartbeat(90, 85, List.of(), false)).first().events()).isEmpty();
        assertThat(h.tell(c1, new WorkerMessage.Heartbeat(90.5, 85.5, List.of(), false)).first().events())
                .extracting(e -> ControllerEvent.toWire(e).type()).containsExactly("worker.high_cpu", "worker.high_memory");
    }

    @Test
    void eventsKeepTheirWireNamesAndData() {
        assertThat(ControllerEvent.toWire(new WorkerRegistered("w1", true, 2, 7)))
                .isEqualTo(new Event("worker.registered", 7, Map.of("workerId", "w1", "reconnected", true, "kept", 2)));
        TaskRecord done = TaskRecord.created("t1", TaskSpec.shell("x"), 0, 0).scheduledOn("w1").started(1).finished(TaskStatus.FAILED, 3, "exit code 3", 2);
        var wire = ControllerEvent.toWire(ControllerEvent.ended(done, 9));
        assertThat(wire.type()).isEqualTo("task.failed");
        assertThat(wire.data()).containsOnly(Map.entry("taskId", "t1"), Map.entry("status", "failed"),
                Map.entry("attempt", 1), Map.entry("workerId", "w1"), Map.entry("exitCode", 3),
                Map.entry("error", "exit code 3"));
        assertThat(ControllerEvent.toWire(new ControllerEvent.TaskStatusChanged(done.withVersion(0), 1)).type()).isEqualTo("task.failed");
        assertThat(ControllerEvent.toWire(new TaskRebalanced("t1", "a", "b", 2, 5)).data()).isEqualTo(Map.of("taskId", "t1", "from", "a", "to", "b", "attempt", 2));
    }

    @Test
    void aCompletionWithoutStartedCompletesTheTaskInsteadOfCrashingThePlane() {
        h.register(c1, "w1", 1);
        String t = h.submit(TaskSpec.shell("quick"));
        Decision done = h.tell(c1, new WorkerMessage.Completed(t, 1, 0));
        Plan own = done.first();
        assertThat(own.writes(StoreWrite.UpdateTask.class)).extracting(u -> u.task().status())
                .containsExactly(TaskStatus.RUNNING, TaskStatus.COMPLETED);
        assertThat(own.sends()).extracting(Plan.Send::message).containsExactly(new Ack(t, 1));
        assertThat(h.state.book.get(t)).isNull(); // finished: out of the unfinished tasks
    }
}
