package io.ado.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: a tiny shell script stands in for {@code ado worker} and prints the arguments it was given. */
class LocalWorkerSpawnerIT {
    /** Echoes its arguments, then waits; exits 0 on SIGTERM (a worker that drains at once). */
    static final List<String> POLITE = List.of("sh", "-c", "echo \"args: $*\"; trap 'echo drained; exit 0' TERM; while :; do sleep 0.05; done", "sh");
    /** Ignores SIGTERM (a worker stuck in a task): only SIGKILL ends it. */
    static final List<String> STUBBORN = List.of("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done", "sh");

    @TempDir Path dir;

    @Test
    void spawnsWithTheSpecsFlagsLogsAndStopsGracefully() throws Exception {
        try (LocalWorkerSpawner spawner = new LocalWorkerSpawner(POLITE, dir.resolve("logs"), Duration.ofSeconds(10))) {
            SpawnedWorker w = spawner.spawn(new WorkerSpec("w-1", 3, List.of("gpu"), "http://127.0.0.1:9", List.of("--drain-timeout", "3s")));
            assertThat(w.log()).isEqualTo(dir.resolve("logs").resolve("w-1.log"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(w.log()).contains("args:"));
            assertThat(Files.readString(w.log()))
                    .contains("args: worker --controller http://127.0.0.1:9 --id w-1 --slots 3 --capability gpu --drain-timeout 3s");
            assertThat(spawner.list()).extracting(SpawnedWorker::id).containsExactly("w-1");
            assertThatThrownBy(() -> spawner.spawn(WorkerSpec.of("w-1", 1, "http://x"))).hasMessageContaining("running already");

            assertThat(spawner.stop("w-1")).isTrue();
            assertThat(w.isAlive()).isFalse();
            assertThat(w.process().exitValue()).isZero(); // it left through its TERM handler, not SIGKILL
            assertThat(spawner.list()).isEmpty();
            assertThat(spawner.stop("w-1")).isFalse();
        }
    }

    @Test
    void aWorkerThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        try (LocalWorkerSpawner spawner = new LocalWorkerSpawner(STUBBORN, dir, Duration.ofMillis(300))) {
            SpawnedWorker w = spawner.spawn(WorkerSpec.of("stuck", 1, "http://127.0.0.1:9"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(w.log()).contains("ready")); // its trap is set
            spawner.stop("stuck");
            assertThat(w.isAlive()).isFalse();
            assertThat(w.process().exitValue()).isEqualTo(137); // 128 + SIGKILL
        }
    }

    @Test
    void closeStopsEveryWorkerAndKillIsImmediate() throws Exception {
        LocalWorkerSpawner spawner = new LocalWorkerSpawner(POLITE, null, Duration.ofSeconds(10));
        SpawnedWorker a = spawner.spawn(WorkerSpec.of("a", 1, "http://x"));
        SpawnedWorker b = spawner.spawn(WorkerSpec.of("b", 1, "http://x"));
        SpawnedWorker c = spawner.spawn(WorkerSpec.of("c", 1, "http://x"));
        assertThat(a.log()).isNull();
        assertThat(spawner.kill("c")).isTrue();
        c.process().waitFor();
        assertThat(c.process().exitValue()).isEqualTo(137);
        spawner.close();
        assertThat(List.of(a, b)).noneMatch(SpawnedWorker::isAlive);
        assertThat(spawner.list()).isEmpty();
    }

    @Test
    void specsAreValidated() {
        assertThatThrownBy(() -> WorkerSpec.of("a b", 1, "http://x")).hasMessageStartingWith("id:");
        assertThatThrownBy(() -> WorkerSpec.of("a", 0, "http://x")).hasMessage("slots: must be at least 1");
    }
}
