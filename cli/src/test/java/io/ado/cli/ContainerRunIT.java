package io.ado.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.Json;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import io.ado.testkit.PodmanFixture;
import io.ado.worker.ContainerRuntime;
import io.ado.worker.engine.ContainerSummary;
import io.ado.worker.engine.DockerEngine;
import io.ado.worker.engine.EngineAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ado run --image} end to end with real processes: {@code bin/ado up --workers 2} whose
 * workers find Podman through {@code DOCKER_HOST} (the fixture's own service), the client commands,
 * and {@code kill -9} of a worker in the middle of a container task.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the last one kills a worker
class ContainerRunIT {
    static final Pattern SUBMITTED = Pattern.compile("ado: task (\\S+) submitted");
    @TempDir static Path dir;
    static PodmanFixture podman;
    static DockerEngine engine;
    static Ado.Started up;
    static final Set<String> tasks = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startCluster() throws Exception {
        podman = PodmanFixture.start(dir);
        engine = new DockerEngine(EngineAddress.unix(podman.socket()), Duration.ofSeconds(30));
        engine.probe();
        up = Ado.start(Map.of("DOCKER_HOST", podman.dockerHost()), "up", "--workers", "2", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--set", "distributed.controller.health.heartbeatInterval=200ms",
                "--set", "distributed.controller.health.timeoutThreshold=1500ms",
                "--set", "distributed.controller.health.unhealthyGracePeriod=500ms");
        await().atMost(Duration.ofSeconds(60)).until(() -> Ado.run(up.url(), "workers", "status").out().lines().count() == 3);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (up != null) up.close();
        if (engine != null) {
            for (String t : tasks) for (ContainerSummary c : containers(t)) engine.remove(c.id()); // after a failure
            engine.close();
        }
        if (podman != null) podman.close();
    }

    static List<ContainerSummary> containers(String task) throws Exception { return engine.list(Map.of(ContainerRuntime.TASK_LABEL, task)); }

    static Ado.Result run(String... args) throws Exception {
        Ado.Result r = Ado.run(up.url(), args);
        Matcher m = SUBMITTED.matcher(r.err());
        while (m.find()) tasks.add(m.group(1));
        return r;
    }

    static String detached(String... args) throws Exception {
        String id = Ado.run(up.url(), args).out().trim();
        tasks.add(id);
        return id;
    }

    static TaskView task(String id) throws Exception {
        return Json.read(Ado.run(up.url(), "ps", "--task", id, "--output", "json").out(), TaskView.class);
    }

    @Test
    @Order(1)
    void printsExitsWithTheTaskCodeAndKeepsStderrApart() throws Exception {
        assertThat(Ado.run(up.url(), "workers", "status", "-o", "json").out()).contains("\"container\"")
                .contains("\"containerEngine\":\"Podman Engine\"").contains("\"containerEngineVersion\":\"");
        assertThat(Ado.run(up.url(), "workers", "status").out()).contains("container(Podman Engine ");
        Ado.Result hi = run("run", "echo hi", "--remote", "--image", "local/busybox", "--pull", "never");
        assertThat(hi.exit()).as(hi.err()).isZero();
        assertThat(hi.out()).isEqualTo("hi\n");
        Ado.Result three = run("run", "echo out; echo err >&2; exit 3", "--remote", "--image", "local/busybox");
        assertThat(three.exit()).isEqualTo(3);
        assertThat(three.out()).isEqualTo("out\n");
        assertThat(three.err()).contains("err\n").doesNotContain("out");
        for (String t : tasks) assertThat(containers(t)).isEmpty();
    }

    @Test
    @Order(2)
    void aLineEvery50msStreamsLive() throws Exception {
        Process p = Ado.builder(up.url(), List.of("run", "for i in $(seq 1 60); do echo line$i; sleep 0.05; done", "--remote", "--image", "local/busybox"))
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = p.inputReader()) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (IOException e) {
                // ended
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> lines.contains("line3"));
        assertThat(p.isAlive()).isTrue(); // about 57 lines (close to 3 s) still to come
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.size() == 60);
        assertThat(lines).startsWith("line1", "line2", "line3").endsWith("line60");
    }

    @Test
    @Order(3)
    void memoryAndCpusAreAppliedAndCancelStopsAndRemovesTheContainer() throws Exception {
        String id = detached("run", "echo up; sleep 600", "--remote", "--image", "local/busybox", "--memory", "64m", "--cpus", "0.5", "--detach");
        List<ContainerSummary> running = await().atMost(Duration.ofSeconds(60)).until(() -> containers(id),
                l -> l.size() == 1 && l.get(0).state().equals("running"));
        var host = engine.inspect(running.get(0).id()).path("HostConfig");
        assertThat(host.path("Memory").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(host.path("NanoCpus").asLong()).isEqualTo(500_000_000L);
        assertThat(Ado.run(up.url(), "cancel", id).exit()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> containers(id).isEmpty()); // stopped (killed after the grace) and removed
        assertThat(task(id).status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    @Order(4)
    void aMissingImageWithPullNeverFailsTheTaskWithTheReason() throws Exception {
        Ado.Result r = run("run", "true", "--remote", "--image", "local/not-here", "--pull", "never");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("image 'local/not-here' is not on this worker's engine and pull is never");
        String id = tasks.stream().filter(t -> r.err().contains(t)).findFirst().orElseThrow();
        assertThat(Ado.run(up.url(), "ps", "--task", id).out()).contains("failed").contains("pull is never");
        Ado.Result bad = Ado.run(up.url(), "run", "true", "--remote", "--cpus", "2");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--cpus, --memory and --pull need --image");
    }

    @Test
    @Order(5)
    void aWorkerKilledMidTaskLeavesNoContainerOnceRestartedAndTheTaskRanElsewhere() throws Exception {
        String id = detached("run", "echo started-$ADO_ATTEMPT; if [ $ADO_ATTEMPT = 1 ]; then sleep 600; fi; echo done-$ADO_ATTEMPT",
                "--remote", "--image", "local/busybox", "--detach");
        TaskView running = await().atMost(Duration.ofSeconds(60)).until(() -> task(id), t -> t.status() == TaskStatus.RUNNING);
        await().atMost(Duration.ofSeconds(60)).until(() -> Ado.run(up.url(), "logs", id).out().contains("started-1"));
        String victim = running.workerId();
        ProcessHandle worker = up.worker(victim);
        worker.destroyForcibly(); // SIGKILL: nothing of the worker stops or removes its container
        worker.onExit().get(30, TimeUnit.SECONDS);
        Map<String, String> attempt1 = Map.of(ContainerRuntime.TASK_LABEL, id, ContainerRuntime.ATTEMPT_LABEL, "1");
        assertThat(engine.list(attempt1)).hasSize(1).allSatisfy(c -> assertThat(c.state()).isEqualTo("running"));

        Ado.Result attach = Ado.run(up.url(), "attach", id);
        assertThat(attach.out()).isEqualTo("started-1\nstarted-2\ndone-2\n"); // the whole output: attempt 1's line, then the re-run
        TaskView t = task(id);
        assertThat(t.attempt()).isEqualTo(2);
        assertThat(t.workerId()).isNotEqualTo(victim);
        assertThat(engine.list(attempt1)).hasSize(1); // still there: the dead worker cannot clean up

        try (Ado.Started again = Ado.start(Map.of("DOCKER_HOST", podman.dockerHost()), "worker", "--controller", up.url(), "--id", victim)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> engine.list(attempt1).isEmpty()); // its orphan sweep, past the creation grace
        }
        assertThat(containers(id)).isEmpty();
    }
}
