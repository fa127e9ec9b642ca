package io.ado.controller.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.controller.state.EventPublisher;
import io.ado.controller.state.JdbcStateStore;
import io.ado.controller.state.WorkerRow;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.OutputStream;
import io.ado.protocol.Protocol;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerStatus;
import io.ado.protocol.WorkerView;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane alone: recording links instead of sockets, a manual clock instead of
 * waiting. A call after casts is a barrier (one mailbox, in order) and its reply comes after
 * the batch's commit, so every effect of the casts is visible when it returns.
 */
class ControlPlaneTest {
    @TempDir Path dir;
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final ProcessRuntime runtime = ProcessRuntime.create("test@local", clock, clock.scheduler());
    JdbcStateStore store;
    ProcessRef plane;

    @BeforeEach
    void start() {
        store = JdbcStateStore.embedded(dir);
        plane = runtime.start(new ControlPlane(PlaneSettings.DEFAULTS, store, new EventPublisher(), clock, new SplittableRandom(1)), null);
    }

    @AfterEach
    void stop() {
        runtime.close();
        store.close();
    }

    private void tell(RecordingLink link, WorkerMessage m) { runtime.cast(plane, new ControlPlane.FromWorker(link, m)); }

    @SuppressWarnings("unchecked")
    private List<WorkerView> workers() { return (List<WorkerView>) runtime.call(plane, new ControlPlane.ListWorkers(), Duration.ofSeconds(5)); }

    private WorkerStatus status(String id) { return workers().stream().filter(w -> w.id().equals(id)).findFirst().map(WorkerView::status).orElse(WorkerStatus.OFFLINE); }

    private TaskView submit(String command) { return (TaskView) runtime.call(plane, new ControlPlane.Submit(TaskSpec.shell(command)), Duration.ofSeconds(5)); }

    private void register(RecordingLink link, String id, AttemptRef... running) {
        tell(link, new WorkerMessage.Register(Protocol.VERSION, id, "h", List.of("shell"), 2, 1L << 30, "api", null, 2, List.of(running)));
    }

    private void tick() { runtime.cast(plane, new ControlPlane.Tick()); workers(); }

    @Test
    void placesRunsAndCompletesATask() {
        RecordingLink w1 = new RecordingLink("c1");
        register(w1, "w1");
        assertThat(workers()).extracting(WorkerView::id).containsExactly("w1");
        assertThat(w1.of(ControllerMessage.Registered.class)).singleElement().satisfies(r -> assertThat(r.heartbeatIntervalMs()).isEqualTo(10_000));

        TaskView t = submit("true");
        assertThat(t.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(w1.of(ControllerMessage.Assign.class)).singleElement().satisfies(a -> assertThat(a.attempt()).isEqualTo(1));

        tell(w1, new WorkerMessage.Started(t.id(), 1));
        tell(w1, new WorkerMessage.Output(t.id(), 1, 0, OutputStream.STDOUT, "hi\n"));
        tell(w1, new WorkerMessage.Output(t.id(), 1, 0, OutputStream.STDOUT, "hi\n")); // resent: dropped
        tell(w1, new WorkerMessage.Completed(t.id(), 1, 0));
        workers();
        assertThat(w1.of(ControllerMessage.Ack.class)).containsExactly(new ControllerMessage.Ack(t.id(), 1));
        assertThat(store.task(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(store.output(t.id(), 0, 10)).hasSize(1);
    }

    @Test
    void thePlaneTicksItselfOnARuntimeTimerThatOnlyTheClockMoves() {
        RecordingLink w1 = new RecordingLink("c1");
        register(w1, "w1");
        assertThat(status("w1")).isEqualTo(WorkerStatus.IDLE);
        await().until(() -> clock.pendingTimers() == 1); // the plane's tick timer, armed in init: nothing else runs it

        clock.advance(Duration.ofSeconds(31)); // past timeoutThreshold (30 s) without a heartbeat, and no Tick cast by the test
        await().atMost(Duration.ofSeconds(5)).until(() -> status("w1") == WorkerStatus.UNHEALTHY);
        await().until(() -> clock.pendingTimers() == 1); // re-armed after each tick
    }

    @Test
    void heartbeatTimeoutThenGracePeriodHandsTheTaskToAnotherWorkerAndFencesTheOldOne() {
        RecordingLink w1 = new RecordingLink("c1");
        register(w1, "w1");
        TaskView t = submit("sleep 100");
        tell(w1, new WorkerMessage.Started(t.id(), 1));

        clock.advance(Duration.ofSeconds(30));
        tick();
        assertThat(status("w1")).isEqualTo(WorkerStatus.BUSY); // exactly at the threshold: still fine
        clock.advance(Duration.ofMillis(1));
        tick();
        assertThat(status("w1")).isEqualTo(WorkerStatus.UNHEALTHY);

        RecordingLink w2 = new RecordingLink("c2");
        register(w2, "w2");
        assertThat(status("w2")).isEqualTo(WorkerStatus.IDLE); // also a barrier: w2 registered before the clock moves on
        assertThat(w2.of(ControllerMessage.Assign.class)).isEmpty(); // the task is still w1's during the grace period

        clock.advance(Duration.ofSeconds(60));
        tell(w2, new WorkerMessage.Heartbeat(5, 5, List.of(), false)); // w2 stays healthy; w1 stays silent
        tick();
        assertThat(status("w1")).isEqualTo(WorkerStatus.OFFLINE);
        assertThat(w1.closedBecause).isEqualTo("unregistered: heartbeat_timeout");
        assertThat(w2.of(ControllerMessage.Assign.class)).singleElement().satisfies(a -> assertThat(a.attempt()).isEqualTo(2));

        // w1 comes back still holding attempt 1 and reports it done: fenced
        RecordingLink w1again = new RecordingLink("c3");
        register(w1again, "w1", new AttemptRef(t.id(), 1));
        tell(w1again, new WorkerMessage.Completed(t.id(), 1, 7));
        workers();
        assertThat(w1again.of(ControllerMessage.Cancel.class)).hasSize(2).allSatisfy(c -> assertThat(c.attempt()).isEqualTo(1));
        var stored = store.task(t.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(stored.attempt()).isEqualTo(2);
        assertThat(stored.workerId()).isEqualTo("w2");
    }

    @Test
    void droppedConnectionKeepsTasksInsideTheReconnectWindow() {
        RecordingLink w1 = new RecordingLink("c1");
        register(w1, "w1");
        TaskView t = submit("sleep 100");
        runtime.cast(plane, new ControlPlane.Disconnected(w1));
        assertThat(status("w1")).isEqualTo(WorkerStatus.DISCONNECTED);
        clock.advance(Duration.ofMillis(1999));
        tick();
        RecordingLink back = new RecordingLink("c2");
        register(back, "w1", new AttemptRef(t.id(), 1));
        assertThat(status("w1")).isEqualTo(WorkerStatus.BUSY);
        assertThat(back.of(ControllerMessage.Cancel.class)).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        tick();
        assertThat(store.task(t.id()).orElseThrow().attempt()).isEqualTo(1);
    }

    @Test
    void theRegistryForgetsAWorkerOfflineForTheStaleThreshold() {
        RecordingLink w1 = new RecordingLink("c1");
        register(w1, "w1"); // last heard of now
        runtime.cast(plane, new ControlPlane.Disconnected(w1));
        workers(); // handled before the clock moves
        clock.advance(Duration.ofSeconds(3)); // past the 2 s reconnect window: unregistered, its row kept as offline
        tick();
        assertThat(store.worker("w1")).map(WorkerRow::status).contains(WorkerStatus.OFFLINE);
        clock.advance(Duration.ofMinutes(4)); // a cleanup runs (every minute), but 4 min 3 s is under staleThreshold (5 min)
        tick();
        assertThat(store.worker("w1")).isPresent();
        clock.advance(Duration.ofMinutes(1)); // the next cleanup, 5 min 3 s after its last heartbeat
        tick();
        assertThat(store.worker("w1")).isEmpty();
        assertThat(store.workers()).isEmpty();
    }

    @Test
    void rebalanceMovesTasksAStuckWorkerNeverStartedAndDoesNotSpendTheirRetries() {
        RecordingLink w1 = new RecordingLink("c1");
        register(w1, "w1");
        TaskSpec oneRetry = new TaskSpec("sleep 100", "shell", null, null, null, null, null, 1);
        TaskView a = (TaskView) runtime.call(plane, new ControlPlane.Submit(oneRetry), Duration.ofSeconds(5));
        TaskView b = (TaskView) runtime.call(plane, new ControlPlane.Submit(oneRetry), Duration.ofSeconds(5));
        assertThat(w1.of(ControllerMessage.Assign.class)).hasSize(2); // w1 takes both and never starts them
        RecordingLink w2 = new RecordingLink("c2");
        register(w2, "w2");
        assertThat(status("w2")).isEqualTo(WorkerStatus.IDLE);

        clock.advance(Duration.ofSeconds(29)); // before rebalanceInterval (30 s): nothing moves
        tell(w2, new WorkerMessage.Heartbeat(5, 5, List.of(), false));
        tick();
        assertThat(w2.of(ControllerMessage.Assign.class)).isEmpty();

        clock.advance(Duration.ofSeconds(1)); // loads 2 and 0: w1 is over 1.5 x the average, w2 under 0.5 x
        tell(w2, new WorkerMessage.Heartbeat(5, 5, List.of(), false));
        tick();
        ControllerMessage.Assign moved = w2.of(ControllerMessage.Assign.class).get(0);
        assertThat(w2.of(ControllerMessage.Assign.class)).hasSize(1);
        assertThat(moved.attempt()).isEqualTo(2);
        assertThat(w1.of(ControllerMessage.Cancel.class)).singleElement()
                .satisfies(c -> assertThat(c).isEqualTo(new ControllerMessage.Cancel(moved.taskId(), 1, "moved to another worker by rebalance")));
        String stayed = moved.taskId().equals(a.id()) ? b.id() : a.id();
        assertThat(store.task(stayed).orElseThrow().workerId()).isEqualTo("w1");

        // The stuck worker wakes up and reports the moved attempt: fenced, it does not count.
        tell(w1, new WorkerMessage.Started(moved.taskId(), 1));
        tell(w1, new WorkerMessage.Completed(moved.taskId(), 1, 0));
        workers();
        var stored = store.task(moved.taskId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(stored.workerId()).isEqualTo("w2");
        assertThat(store.attempts(moved.taskId())).extracting(a1 -> a1.status()).containsExactly(TaskStatus.CANCELLED, TaskStatus.SCHEDULED);

        // The move spent no retry: losing w2 now still leaves the one retry the task asked for.
        tell(w2, new WorkerMessage.Started(moved.taskId(), 2));
        runtime.cast(plane, new ControlPlane.Disconnected(w2));
        workers();
        clock.advance(Duration.ofSeconds(3)); // past the 2 s reconnect window
        tick();
        var retried = store.task(moved.taskId()).orElseThrow();
        assertThat(retried.status()).isIn(TaskStatus.PENDING, TaskStatus.SCHEDULED);
        assertThat(retried.status()).isNotEqualTo(TaskStatus.FAILED);
    }
}
