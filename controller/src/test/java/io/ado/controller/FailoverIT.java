package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.AttemptView;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import io.ado.protocol.WorkerStatus;
import io.ado.worker.WorkerAgent;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two failure paths (connection lost, heartbeats stopped), reconnect inside the window, and fencing. */
class FailoverIT {
    @TempDir Path dir;
    LocalCluster cluster;

    @BeforeEach
    void up() throws Exception {
        cluster = new LocalCluster(dir);
        cluster.addWorker("a", 1);
        cluster.addWorker("b", 1);
    }

    @AfterEach
    void down() { cluster.close(); }

    private WorkerAgent runningOn(String taskId) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(taskId).status() == TaskStatus.RUNNING);
        String wid = cluster.api.task(taskId).workerId();
        return cluster.workers.stream().filter(w -> w.id().equals(wid)).findFirst().orElseThrow();
    }

    @Test
    void crashedWorkersTaskRunsElsewhereAsAttemptTwo() throws Exception {
        String id = cluster.api.submit(TaskSpec.shell("sleep 1; echo done-$ADO_ATTEMPT"));
        WorkerAgent first = runningOn(id);
        long killedAt = System.nanoTime();
        cluster.crash(first);
        TestApi.Stream s = cluster.api.stream(id, 0);
        await().atMost(Duration.ofSeconds(30)).until(s::ended);
        TaskView t = cluster.api.task(id);
        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.attempt()).isEqualTo(2);
        assertThat(t.workerId()).isNotEqualTo(first.id());
        assertThat(t.attempts()).extracting(AttemptView::status).containsExactly(TaskStatus.FAILED, TaskStatus.COMPLETED);
        assertThat(t.attempts().get(0).error()).contains("connection_lost");
        assertThat(s.text()).isEqualTo("done-2\n");
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void workerReconnectingInsideTheWindowKeepsItsTask() throws Exception {
        String id = cluster.api.submit(TaskSpec.shell("sleep 0.8; echo kept"));
        WorkerAgent w = runningOn(id);
        cluster.faults(w).partition(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> status(w.id()) == WorkerStatus.DISCONNECTED);
        cluster.faults(w).partition(false); // back well inside the 500 ms window
        TestApi.Stream s = cluster.api.stream(id, 0);
        await().atMost(Duration.ofSeconds(20)).until(s::ended);
        TaskView t = cluster.api.task(id);
        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.attempt()).isEqualTo(1);
        assertThat(t.workerId()).isEqualTo(w.id());
        assertThat(s.text()).isEqualTo("kept\n");
    }

    @Test
    void hungWorkerIsCaughtByHeartbeatTimeout() throws Exception {
        String id = cluster.api.submit(TaskSpec.shell("sleep 3; echo attempt-$ADO_ATTEMPT"));
        WorkerAgent hung = runningOn(id);
        cluster.faults(hung).muteHeartbeats(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(hung.id()) == WorkerStatus.UNHEALTHY);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.api.task(id).status() == TaskStatus.COMPLETED);
        TaskView t = cluster.api.task(id);
        assertThat(t.attempt()).isEqualTo(2);
        assertThat(t.attempts().get(0).error()).contains("heartbeat_timeout");
        assertThat(cluster.api.get("/api/v1/tasks/" + id + "/output").body()).contains("attempt-2").doesNotContain("attempt-1");
    }

    @Test
    void workerSilentForLessThanTheTimeoutKeepsItsTask() throws Exception {
        String id = cluster.api.submit(TaskSpec.shell("sleep 1.2; echo attempt-$ADO_ATTEMPT"));
        WorkerAgent w = runningOn(id);
        cluster.faults(w).muteHeartbeats(true);   // like SIGSTOP ...
        await().pollDelay(Duration.ofMillis(250)).atMost(Duration.ofSeconds(5)).until(() -> true);
        cluster.faults(w).muteHeartbeats(false);  // ... and SIGCONT before the 600 ms timeout
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(id).status() == TaskStatus.COMPLETED);
        assertThat(cluster.api.task(id).attempt()).isEqualTo(1);
        assertThat(cluster.api.task(id).workerId()).isEqualTo(w.id());
    }

    @Test
    void workerDeclaredDeadCannotCompleteTheReassignedAttempt() throws Exception {
        // attempt 1 ends fast with 7 while cut off; attempt 2 runs longer and succeeds
        String id = cluster.api.submit(TaskSpec.shell("if [ \"$ADO_ATTEMPT\" = 1 ]; then sleep 0.3; echo stale; exit 7; else sleep 1.5; echo fresh; fi"));
        WorkerAgent dead = runningOn(id);
        cluster.faults(dead).partition(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(id).attempt() == 2);
        assertThat(dead.heldAttempts()).hasSize(1); // it finished attempt 1 and still wants to report it
        cluster.faults(dead).partition(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> dead.heldAttempts().isEmpty()); // told it is stale
        TestApi.Stream s = cluster.api.stream(id, 0);
        await().atMost(Duration.ofSeconds(20)).until(s::ended);
        TaskView t = cluster.api.task(id);
        assertThat(s.messages.getLast()).isEqualTo(new StreamMessage.End(id, TaskStatus.COMPLETED, 0, null));
        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.exitCode()).isZero();
        assertThat(t.attempts().get(0).exitCode()).isNull(); // the stale exit 7 was never recorded
        assertThat(s.text()).isEqualTo("fresh\n");
    }

    @Test
    void retriesRunOutIntoFailedWithTheReason() throws Exception {
        String id = cluster.api.submit(new TaskSpec("sleep 5", "shell", null, null, null, null, null, 0));
        cluster.crash(runningOn(id));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(id).status() == TaskStatus.FAILED);
        assertThat(cluster.api.task(id).error()).contains("connection_lost").contains("gave up after 1 attempts");
    }

    private WorkerStatus status(String workerId) throws Exception {
        return cluster.api.workers().stream().filter(w -> w.id().equals(workerId)).findFirst().map(w -> w.status()).orElse(WorkerStatus.OFFLINE);
    }
}
