package io.ado.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ado.protocol.OutputStream;
import io.ado.protocol.PullPolicy;
import io.ado.protocol.TaskSpec;
import io.ado.testkit.PodmanFixture;
import io.ado.worker.engine.ContainerSummary;
import io.ado.worker.engine.EngineAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container runtime for real, on Podman's Docker-compatible service ({@link PodmanFixture}),
 * with the runtime's default engine settings: output, exit codes, limits, cancel, timeout, and
 * every failure ending the task with its reason.
 */
class ContainerRuntimeIT {
    static final String IMAGE = "local/busybox";
    @TempDir static Path dir;
    static PodmanFixture podman;
    static ContainerRuntime runtime;

    @BeforeAll
    static void engine() throws Exception {
        podman = PodmanFixture.start(dir);
        runtime = ContainerRuntime.connect(EngineAddress.unix(podman.socket()), ContainerSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            for (ContainerSummary c : runtime.client().list(Map.of(ContainerRuntime.WORKER_LABEL, "w-it"))) runtime.client().remove(c.id()); // after a failure
            runtime.close();
        }
        if (podman != null) podman.close();
    }

    /** Output by stream, as the sink got it. */
    static final class Collected implements OutputSink {
        final StringBuffer out = new StringBuffer();
        final StringBuffer err = new StringBuffer();

        @Override public void chunk(OutputStream stream, String data) { (stream == OutputStream.STDERR ? err : out).append(data); }
    }

    static Map<String, String> attemptEnv(String task) { return Map.of("ADO_TASK_ID", task, "ADO_ATTEMPT", "1", "ADO_WORKER_ID", "w-it"); }

    static String newTask() { return "t-" + UUID.randomUUID().toString().substring(0, 8); }

    static Outcome run(TaskSpec spec, Collected c) throws Exception {
        return runtime.start(spec, attemptEnv(newTask()), c).outcome().get(60, TimeUnit.SECONDS);
    }

    static List<ContainerSummary> containersOf(String task) throws Exception {
        return runtime.client().list(Map.of(ContainerRuntime.TASK_LABEL, task));
    }

    @Test
    void printsExitsWithItsCodeAndKeepsStderrApart() throws Exception {
        Collected hi = new Collected();
        assertThat(run(TaskSpec.container("echo hi", IMAGE), hi)).isEqualTo(Outcome.exited(0));
        assertThat(hi.out.toString()).isEqualTo("hi\n");
        Collected three = new Collected();
        assertThat(run(TaskSpec.container("echo out; echo err >&2; exit 3", IMAGE), three)).isEqualTo(Outcome.exited(3));
        assertThat(three.out.toString()).isEqualTo("out\n");
        assertThat(three.err.toString()).isEqualTo("err\n");
        Collected env = new Collected();
        TaskSpec withEnv = TaskSpec.container("echo $GREETING from $ADO_TASK_ID; pwd", IMAGE).withEnv(Map.of("GREETING", "ahoj"));
        String task = newTask();
        assertThat(runtime.start(withEnv, attemptEnv(task), env).outcome().get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.exited(0));
        assertThat(env.out.toString()).isEqualTo("ahoj from " + task + "\n/\n");
        assertThat(containersOf(task)).isEmpty(); // removed after the exit
    }

    @Test
    void aLineEvery50msArrivesWhileTheTaskStillRuns() throws Exception {
        Collected c = new Collected();
        RunningTask t = runtime.start(TaskSpec.container("for i in $(seq 1 40); do echo line$i; sleep 0.05; done", IMAGE), attemptEnv(newTask()), c);
        await().atMost(Duration.ofSeconds(30)).until(() -> c.out.toString().contains("line3\n"));
        assertThat(t.outcome()).isNotDone(); // 37 lines (about 2 s) still to come
        assertThat(t.outcome().get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.exited(0));
        assertThat(c.out.toString().lines()).hasSize(40).startsWith("line1", "line2").endsWith("line40");
    }

    @Test
    void limitsAndLabelsAreAppliedAndCancelStopsAndRemovesTheContainer() throws Exception {
        String task = newTask();
        Collected c = new Collected();
        TaskSpec spec = TaskSpec.container("echo up; sleep 60", IMAGE).inContainer(IMAGE, 0.5, "64m", PullPolicy.NEVER);
        RunningTask t = runtime.start(spec, attemptEnv(task), c);
        await().atMost(Duration.ofSeconds(30)).until(() -> c.out.toString().contains("up"));
        List<ContainerSummary> mine = containersOf(task);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).labels()).containsEntry("ado.task", task).containsEntry("ado.attempt", "1").containsEntry("ado.worker", "w-it");
        JsonNode inspect = runtime.client().inspect(mine.get(0).id());
        assertThat(inspect.path("HostConfig").path("Memory").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(inspect.path("HostConfig").path("NanoCpus").asLong()).isEqualTo(500_000_000L);
        assertThat(inspect.path("Config").path("Tty").asBoolean(true)).isFalse();
        t.cancel(); // sh as PID 1 ignores SIGTERM: killed after the stop grace
        Outcome o = t.outcome().get(60, TimeUnit.SECONDS);
        assertThat(o.error()).isEqualTo("cancelled");
        assertThat(o.exitCode()).isEqualTo(137);
        assertThat(containersOf(task)).isEmpty();
    }

    @Test
    void aTimeoutStopsWithSigtermFirst() throws Exception {
        String task = newTask();
        Collected c = new Collected();
        TaskSpec spec = TaskSpec.container("trap 'echo got TERM; exit 143' TERM; echo up; while true; do sleep 0.05; done", IMAGE).withTimeoutMs(1500L);
        Outcome o = runtime.start(spec, attemptEnv(task), c).outcome().get(60, TimeUnit.SECONDS);
        assertThat(o).isEqualTo(Outcome.failed("timeout after 1500 ms", 143));
        assertThat(c.out.toString()).isEqualTo("up\ngot TERM\n");
        assertThat(containersOf(task)).isEmpty();
    }

    @Test
    void imageProblemsFailTheTaskWithTheReason() throws Exception {
        String missing = "local/nope-" + UUID.randomUUID().toString().substring(0, 8);
        Outcome never = run(TaskSpec.container("true", IMAGE).inContainer(missing, null, null, PullPolicy.NEVER), new Collected());
        assertThat(never.error()).startsWith("image '" + missing + "' is not on this worker's engine and pull is never: ");
        Outcome noRegistry = run(TaskSpec.container("true", IMAGE).inContainer("nosuch.invalid/x/y:1", null, null, null), new Collected());
        assertThat(noRegistry.error()).startsWith("pull of image 'nosuch.invalid/x/y:1' failed: ").contains("nosuch.invalid");
        Outcome always = run(TaskSpec.container("true", IMAGE).inContainer(IMAGE, null, null, PullPolicy.ALWAYS), new Collected());
        assertThat(always.error()).startsWith("pull of image 'local/busybox' failed: ");
        Outcome badName = run(TaskSpec.container("true", IMAGE).inContainer("local/BusyBox", null, null, PullPolicy.NEVER), new Collected());
        assertThat(badName.error()).startsWith("cannot create a container of image 'local/BusyBox': ").contains("lowercase");
        assertThat(List.of(never, noRegistry, always, badName)).allSatisfy(o -> assertThat(o.exitCode()).isNull());
    }

    @Test
    void anEngineThatGoesAwayFailsTheTaskAndOneThatIsNotThereIsNotUsed() throws Exception {
        PodmanFixture other = PodmanFixture.start(Files.createDirectories(dir.resolve("other")));
        String task = newTask();
        try (ContainerRuntime rt = ContainerRuntime.connect(EngineAddress.unix(other.socket()), ContainerSettings.DEFAULTS)) {
            Collected c = new Collected();
            RunningTask t = rt.start(TaskSpec.container("echo up; sleep 60", IMAGE), attemptEnv(task), c);
            await().atMost(Duration.ofSeconds(30)).until(() -> c.out.toString().contains("up"));
            other.kill();
            Outcome o = t.outcome().get(30, TimeUnit.SECONDS);
            assertThat(o.error()).startsWith("container engine at unix://" + other.socket() + " went away: ");
            Outcome after = rt.start(TaskSpec.container("true", IMAGE), attemptEnv(newTask()), new Collected()).outcome().get(30, TimeUnit.SECONDS);
            assertThat(after.error()).contains("went away").contains("cannot connect");
        } finally {
            other.close();
            for (ContainerSummary s : containersOf(task)) runtime.client().remove(s.id()); // it outlived its engine (conmon keeps it)
        }
        Optional<ContainerRuntime> none = ContainerRuntime.discover(ContainerSettings.DEFAULTS, Map.of("DOCKER_HOST", "unix://" + dir.resolve("no.sock")), "w-it");
        assertThat(none).isEmpty();
        Optional<ContainerRuntime> found = ContainerRuntime.discover(ContainerSettings.DEFAULTS.withHost(podman.dockerHost()), Map.of(), "w-it");
        assertThat(found).hasValueSatisfying(rt -> assertThat(rt.engine().name()).isEqualTo("Podman Engine"));
        found.get().close();
    }
}
