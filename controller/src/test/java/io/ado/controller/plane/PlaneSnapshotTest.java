package io.ado.controller.plane;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshot a tick publishes: counts for the gauges, and why each queued task waits. Pure, through the harness. */
class PlaneSnapshotTest {
    final PlaneHarness h = new PlaneHarness();
    final RecordingLink c1 = new RecordingLink("c1");
    final RecordingLink c2 = new RecordingLink("c2");
    static final TaskSpec GPU = new TaskSpec("train", "shell", null, null, null, null, List.of("gpu"), null);

    PlaneSnapshot tick() {
        h.tick();
        return h.reconciler.rounds().snapshot(h.now);
    }

    @Test
    void withoutWorkersEveryTaskWaitsForOne() {
        h.submit(TaskSpec.shell("a"));
        PlaneSnapshot s = tick();
        assertThat(s.pendingReason(TaskSpec.shell("a"))).isEqualTo("no worker registered");
        assertThat(s.queued()).isEqualTo(1);
        assertThat(s.tasks(TaskStatus.PENDING)).isEqualTo(1);
    }

    @Test
    void fullWorkersThenAFreedSlotClearsTheReason() {
        h.register(c1, "w1", 1);
        h.register(c2, "w2", 1);
        String a = h.submit(TaskSpec.shell("a"));
        h.submit(TaskSpec.shell("b"));
        h.submit(TaskSpec.shell("c"));
        PlaneSnapshot s = tick();
        assertThat(s.pendingReason(TaskSpec.shell("c"))).isEqualTo("all 2 eligible workers full");
        assertThat(s.tasks(TaskStatus.SCHEDULED)).isEqualTo(2);
        assertThat(s.queued()).isEqualTo(1);

        String worker = h.view(a).workerId();
        RecordingLink link = worker.equals("w1") ? c1 : c2;
        h.tell(link, new WorkerMessage.Started(a, 1));
        h.tell(link, new WorkerMessage.Completed(a, 1, 0)); // the freed slot takes c at once
        PlaneSnapshot after = tick();
        assertThat(after.queued()).isZero();
        assertThat(after.pendingReason(TaskSpec.shell("c"))).isNull();
    }

    @Test
    void aMissingCapabilityIsNamedWhileOtherTasksRun() {
        h.register(c1, "w1", 2);
        h.submit(GPU);
        h.submit(TaskSpec.shell("plain"));
        PlaneSnapshot s = tick();
        assertThat(s.pendingReason(GPU)).isEqualTo("no worker has capability gpu");
        assertThat(s.pendingReason(TaskSpec.shell("plain"))).isNull(); // placed
        assertThat(s.tasks(TaskStatus.PENDING)).isEqualTo(1);
    }

    @Test
    void aGroupRunningEverywhereIsTheReason() {
        h.register(c1, "w1", 2);
        TaskSpec g = new TaskSpec("x", "shell", null, null, null, null, null, null, "g1");
        h.submit(g);
        h.submit(g);
        assertThat(tick().pendingReason(g)).isEqualTo("group g1 already running on every eligible worker");
    }

    @Test
    void workersByStatusAndTheLongestHeartbeatLag() {
        h.register(c1, "w1", 2);
        h.register(c2, "w2", 2);
        h.advance(Duration.ofSeconds(4));
        h.tell(c1, new WorkerMessage.Heartbeat(1, 1, List.of(), false));
        h.advance(Duration.ofSeconds(1));
        PlaneSnapshot s = tick();
        assertThat(s.workers(WorkerStatus.IDLE)).isEqualTo(2);
        assertThat(s.heartbeatLagMs()).isEqualTo(5_000); // w2 has not beaten since it registered
        h.feed(new ControlPlane.Drain("w1"));
        assertThat(tick().workers(WorkerStatus.DRAINING)).isEqualTo(1);
    }
}
