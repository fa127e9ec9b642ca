package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new controller on the same data picks up tasks, workers and output; a task that kept running is recorded as completed. */
class RestartIT {
    @TempDir Path dir;
    LocalCluster cluster;

    @AfterEach
    void down() { if (cluster != null) cluster.close(); }

    @Test
    void stateSurvivesAndRunningTaskCompletesAfterRestart() throws Exception {
        cluster = new LocalCluster(dir);
        cluster.addWorker("a", 2);
        String done = cluster.api.submit(TaskSpec.shell("echo before"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(done).status() == TaskStatus.COMPLETED);
        String running = cluster.api.submit(TaskSpec.shell("echo start; sleep 2; echo end"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.get("/api/v1/tasks/" + running + "/output").body().contains("start"));

        cluster.restartController();

        assertThat(cluster.api.task(done).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(cluster.api.get("/api/v1/tasks/" + done + "/output").body()).contains("before");
        assertThat(cluster.api.workers()).extracting(w -> w.id()).contains("a");
        TestApi.Stream s = cluster.api.stream(running, 0);
        await().atMost(Duration.ofSeconds(30)).until(s::ended);
        TaskView t = cluster.api.task(running);
        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.attempt()).isEqualTo(1); // the worker kept it through the outage
        assertThat(s.text()).isEqualTo("start\nend\n");
    }
}
