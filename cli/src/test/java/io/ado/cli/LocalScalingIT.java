package io.ado.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.client.ApiClient;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import io.ado.protocol.WorkerStatus;
import io.ado.protocol.WorkerView;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaling manager with the local spawner, for real: {@code ado controller} spawning
 * {@code ado worker} processes (minWorkers 1, maxWorkers 4), a burst of 50 one-second tasks,
 * scale-down after the delay, and a controller killed mid-burst that re-adopts its workers.
 */
class LocalScalingIT {
    @TempDir Path dir;

    Path config() throws IOException {
        Path f = dir.resolve("ado.config.yaml");
        Files.writeString(f, """
                distributed:
                  controller:
                    scaling:
                      minWorkers: 1
                      maxWorkers: 4
                      scaleDownDelay: 3s
                      cooldownPeriod: 1s
                      spawner: local
                      pool: it
                      local:
                        slots: 4
                        logs: %s
                        drainTimeout: 5s
                """.formatted(dir.resolve("logs")));
        return f;
    }

    Ado.Started controller(int port) throws Exception {
        return Ado.start("controller", "--port", Integer.toString(port), "--data-dir", dir.resolve("data").toString(), "--config", config().toString());
    }

    /** Spawned workers outlive a killed controller: stop every one its records name. */
    @AfterEach
    void stopSpawnedWorkers() throws IOException {
        Path logs = dir.resolve("logs");
        if (!Files.isDirectory(logs)) return;
        try (Stream<Path> files = Files.list(logs)) {
            files.filter(f -> f.toString().endsWith(".worker")).forEach(f -> {
                try {
                    String pid = Files.readAllLines(f).stream().filter(l -> l.startsWith("pid=")).findFirst().orElse("pid=-1").substring(4);
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                } catch (IOException | NumberFormatException e) {
                    throw new AssertionError("cannot read " + f, e);
                }
            });
        }
    }

    static List<WorkerView> live(ApiClient api) {
        return api.workers().stream().filter(w -> w.status() != WorkerStatus.OFFLINE && w.status() != WorkerStatus.DRAINING).toList();
    }

    static List<TaskSpec> burst() { return IntStream.range(0, 50).mapToObj(i -> TaskSpec.shell("sleep 1; echo done " + i)).toList(); }

    @Test
    void aBurstScalesToMaxWorkersEveryTaskRunsOnceAndThePoolShrinksBack() throws Exception {
        try (Ado.Started c = controller(0)) {
            ApiClient api = new ApiClient(c.url());
            await().atMost(Duration.ofSeconds(60)).until(() -> live(api).size() == 1); // minWorkers
            AtomicInteger most = new AtomicInteger();
            List<TaskView> tasks = api.submitAll(burst());
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                most.accumulateAndGet(api.workers().size(), Math::max);
                return live(api).size() == 4;
            });
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                most.accumulateAndGet(api.workers().size(), Math::max);
                return tasks.stream().allMatch(t -> api.task(t.id()).status() == TaskStatus.COMPLETED);
            });
            assertThat(most.get()).isEqualTo(4); // never more than maxWorkers, starting ones included
            for (TaskView t : tasks) assertThat(api.task(t.id()).attempt()).as(t.id()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(60)).until(() -> live(api).size() == 1 && api.workers().size() == 1);
            assertThat(api.adminStatus()).contains("\"action\":\"scale_up\",\"requested\":3").contains("\"action\":\"scale_down\",\"requested\":3");
        }
    }

    @Test
    void aControllerKilledMidBurstReAdoptsTheWorkersItSpawned() throws Exception {
        Ado.Started first = controller(0);
        int port = URI.create(first.url()).getPort();
        Set<String> before = ConcurrentHashMap.newKeySet();
        List<TaskView> tasks;
        try {
            ApiClient api = new ApiClient(first.url());
            await().atMost(Duration.ofSeconds(60)).until(() -> live(api).size() == 1);
            tasks = api.submitAll(burst());
            await().atMost(Duration.ofSeconds(60)).until(() -> live(api).size() == 4);
            live(api).forEach(w -> before.add(w.id()));
        } finally {
            first.process().destroyForcibly().waitFor(); // SIGKILL: its workers keep running
        }
        try (Ado.Started again = controller(port)) {
            ApiClient api = new ApiClient(again.url());
            AtomicInteger most = new AtomicInteger();
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                most.accumulateAndGet(api.workers().size(), Math::max);
                return tasks.stream().allMatch(t -> api.task(t.id()).status() == TaskStatus.COMPLETED);
            });
            assertThat(most.get()).isLessThanOrEqualTo(4); // re-adopted, not spawned again
            assertThat(api.workers()).extracting(WorkerView::id).containsAnyElementsOf(before);
            assertThat(api.workers()).extracting(WorkerView::id).allMatch(before::contains, "a worker the first controller spawned");
        }
    }
}
