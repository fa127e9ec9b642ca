package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs tasks on a real controller and workers, then reads {@code /metrics} and a pending task's reason as a user would. */
class MetricsIT {
    static final TaskSpec GPU = new TaskSpec("train", "shell", null, null, null, null, List.of("gpu"), null);
    @TempDir Path dir;
    LocalCluster cluster;

    @BeforeEach
    void up() throws Exception {
        cluster = new LocalCluster(dir);
        cluster.addWorker("w1", 2);
        cluster.addWorker("w2", 2);
    }

    @AfterEach
    void down() { cluster.close(); }

    /** The samples of one scrape: series as printed ({@code name{labels}}) to value. */
    Map<String, Double> scrape() throws Exception {
        TestApi.Response r = cluster.api.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int sp = line.lastIndexOf(' ');
            samples.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
        }
        return samples;
    }

    @Test
    void scrapeCountsWhatRanAndWhatWaits() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(cluster.api.submit(TaskSpec.shell("echo " + i)));
        ids.add(cluster.api.submit(TaskSpec.shell("exit 3")));
        for (String id : ids) await().atMost(Duration.ofSeconds(30)).until(() -> terminal(id));
        String waiting = cluster.api.submit(GPU);
        TestApi.Stream follower = cluster.api.stream(waiting, 0);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Double> m = scrape();
            assertThat(m).containsEntry("ado_queue_length", 1.0).containsEntry("ado_tasks{status=\"pending\"}", 1.0)
                    .containsEntry("ado_tasks{status=\"running\"}", 0.0).containsEntry("ado_workers{status=\"idle\"}", 2.0)
                    .containsEntry("ado_stream_subscribers", 1.0);
        });
        Map<String, Double> m = scrape();
        assertThat(m).containsEntry("ado_tasks_finished_total{status=\"completed\"}", 5.0)
                .containsEntry("ado_tasks_finished_total{status=\"failed\"}", 1.0)
                .containsEntry("ado_tasks_finished_total{status=\"cancelled\"}", 0.0)
                .containsEntry("ado_tasks_submitted_total", 7.0)
                .containsEntry("ado_placement_latency_seconds_count", 6.0)
                .containsEntry("ado_task_start_latency_seconds_count", 6.0)
                .containsEntry("ado_scaling_actions_total{action=\"spawn\"}", 0.0);
        assertThat(m.get("ado_store_commit_latency_seconds_count")).isGreaterThan(0);
        assertThat(m.get("ado_placement_latency_seconds_sum")).isBetween(0.0, 30.0);
        assertThat(m.get("ado_worker_heartbeat_lag_seconds")).isBetween(0.0, 5.0);
        assertThat(m.keySet()).anyMatch(k -> k.startsWith("ado_placement_latency_seconds_bucket{le="))
                .anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"))
                .noneMatch(k -> k.contains("w1") || k.contains(waiting) || ids.stream().anyMatch(k::contains)); // no ids as labels
        follower.socket.close();
    }

    @Test
    void aPendingTaskSaysWhyItWaits() throws Exception {
        String id = cluster.api.submit(GPU);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.api.task(id).pendingReason() != null);
        TaskView t = cluster.api.task(id);
        assertThat(t.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(t.pendingReason()).isEqualTo("no worker has capability gpu");
        assertThat(cluster.api.get("/api/v1/tasks/" + id).body()).contains("\"pendingReason\":\"no worker has capability gpu\"");

        String ran = cluster.api.submit(TaskSpec.shell("true"));
        await().atMost(Duration.ofSeconds(20)).until(() -> terminal(ran));
        assertThat(cluster.api.task(ran).pendingReason()).isNull(); // only pending tasks carry one
    }

    private boolean terminal(String id) throws Exception { return cluster.api.task(id).status().isTerminal(); }
}
