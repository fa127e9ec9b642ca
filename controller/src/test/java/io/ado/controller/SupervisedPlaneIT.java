package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.runtime.ExitReason;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.supervisor.Supervisor;
import io.ado.runtime.supervisor.SupervisorEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane runs under a supervisor: when it crashes it is restarted from the store and the controller goes on. */
class SupervisedPlaneIT {
    @TempDir Path dir;
    LocalCluster cluster;

    @AfterEach
    void down() { if (cluster != null) cluster.close(); }

    @Test
    void aCrashedControlPlaneIsRestartedFromTheStoreAndWorkersComeBack() throws Exception {
        cluster = new LocalCluster(dir);
        cluster.addWorker("a", 2);
        String before = cluster.api.submit(TaskSpec.shell("echo before"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(before).status() == TaskStatus.COMPLETED);
        String running = cluster.api.submit(TaskSpec.shell("echo start; sleep 1; echo end"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(running).status() == TaskStatus.RUNNING);

        ProcessRef first = cluster.controller.planeRef();
        List<SupervisorEvent> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = Supervisor.onLifecycleEvent(seen::add)) {
            cluster.controller.runtime().exit(first, ExitReason.custom("injected crash"));
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.stream().anyMatch(e ->
                    e instanceof SupervisorEvent.ChildRestarted r && r.childId().equals(Controller.PLANE)));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ProcessRef now = cluster.controller.planeRef();
            return now != null && !now.equals(first) && cluster.controller.runtime().isAlive(now);
        });
        assertThat(cluster.controller.runtime().isAlive(first)).isFalse();
        // the worker was told to reconnect, kept its attempt, and the task completes as attempt 1
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.api.task(running).status() == TaskStatus.COMPLETED);
        assertThat(cluster.api.task(running).attempt()).isEqualTo(1);
        assertThat(cluster.api.task(before).status()).isEqualTo(TaskStatus.COMPLETED);
        String after = cluster.api.submit(TaskSpec.shell("echo after"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(after).status() == TaskStatus.COMPLETED);
        assertThat(cluster.api.get("/api/v1/tasks/" + running + "/output").body()).contains("start").contains("end");
    }
}
