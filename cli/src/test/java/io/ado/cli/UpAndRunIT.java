package io.ado.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.Json;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: `bin/ado up --workers 3` in the background, then the client commands against it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the last two take workers down
class UpAndRunIT {
    @TempDir static Path dir;
    static Ado.Started up;

    @BeforeAll
    static void startCluster() throws Exception {
        up = Ado.start("up", "--workers", "3", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--set", "distributed.controller.health.heartbeatInterval=200ms",
                "--set", "distributed.controller.health.timeoutThreshold=1500ms",
                "--set", "distributed.controller.health.unhealthyGracePeriod=500ms");
        await().atMost(Duration.ofSeconds(60)).until(() -> Ado.run(up.url(), "workers", "status").out().lines().count() == 4);
    }

    @AfterAll
    static void stopCluster() throws Exception { up.close(); }

    /**
     * A shell prefix that blocks until {@code gate} exists. Tasks that a test must catch while they run wait on it instead of
     * sleeping: every {@code ado} call is a fresh JVM (seconds each on a loaded machine), so no fixed duration is long enough.
     */
    private static String untilExists(Path gate) {
        return "while [ ! -e '" + gate + "' ]; do sleep 0.05; done; ";
    }

    /** The state letter in /proc/PID/stat ('T' = stopped); the name before it is in parentheses and may hold spaces. */
    private static char processState(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    private static TaskView task(String id) throws Exception {
        return Json.read(Ado.run(up.url(), "ps", "--task", id, "--output", "json").out(), TaskView.class);
    }

    @Test
    @Order(0)
    void adminStatusShowsTheScalingManagerAndScaleSetsAFloor() throws Exception {
        String status = Ado.run(up.url(), "admin", "status").out();
        assertThat(status).contains("spawner local, enabled").contains("pool        desired 3, current 3, starting 0");
        Ado.Result bad = Ado.run(up.url(), "admin", "scale", "999");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("maxWorkers");
        assertThat(Ado.run(up.url(), "admin", "scale", "--clear").out()).contains("cleared");
        assertThat(Ado.run(up.url(), "admin", "status", "--output", "json").out()).contains("\"desiredFloor\":0");
    }

    @Test
    @Order(0)
    void aClientGivenSeveralUrlsMovesOnFromOneThatIsDown() throws Exception {
        Ado.Result both = Ado.run("http://127.0.0.1:9," + up.url(), "workers", "status"); // port 9: nobody listens
        assertThat(both.exit()).as(both.err()).isZero();
        assertThat(both.out()).contains("worker-1");
        Ado.Result none = Ado.run("http://127.0.0.1:9,http://127.0.0.1:11", "ps");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("cannot reach the controller at http://127.0.0.1:9, http://127.0.0.1:11");
    }

    @Test
    @Order(1)
    void runRemoteStreamsOutputAndExitsWithTheTaskCode() throws Exception {
        Ado.Result hello = Ado.run(up.url(), "run", "echo hello", "--remote");
        assertThat(hello.exit()).as(hello.err()).isZero();
        assertThat(hello.out()).isEqualTo("hello\n");
        Ado.Result three = Ado.run(up.url(), "run", "exit 3", "--remote");
        assertThat(three.exit()).isEqualTo(3);

        String ps = Ado.run(up.url(), "ps", "--all").out();
        assertThat(ps).contains("echo hello").contains("completed").contains("exit 3").contains("failed");
        String workers = Ado.run(up.url(), "workers", "status").out();
        assertThat(workers).contains("worker-1").contains("worker-2").contains("worker-3");
        assertThat(Ado.run(up.url(), "nodes", "--output", "json").out()).startsWith("[").contains("\"id\":\"worker-2\"");

        Ado.Result three3 = Ado.run(up.url(), "run", "sleep 1; echo I$ADO_INSTANCE of $ADO_INSTANCES on $ADO_WORKER_ID", "--remote", "--workers", "3");
        assertThat(three3.exit()).as(three3.err()).isZero();
        assertThat(three3.out().lines().sorted().toList()).hasSize(3).allSatisfy(l -> assertThat(l).matches("\\[(\\d)] I\\1 of 3 on worker-\\d"));
        assertThat(three3.out().lines().map(l -> l.substring(l.length() - 8)).distinct().count()).isEqualTo(3); // concurrent instances: distinct workers
    }

    @Test
    @Order(2)
    void attachShowsEveryLineInOrderNoneTwiceAndARerunMissesNothing() throws Exception {
        String id = Ado.run(up.url(), "run", "sleep 1; for i in $(seq 1 30); do echo line$i; sleep 0.05; done", "--remote", "--detach").out().trim();
        String expected = IntStream.rangeClosed(1, 30).mapToObj(i -> "line" + i + "\n").collect(Collectors.joining());
        Process first = Ado.builder(up.url(), List.of("attach", id)).start();
        StringBuffer seen = new StringBuffer();
        Thread.ofVirtual().start(() -> {
            try (var r = first.inputReader()) {
                for (String l; (l = r.readLine()) != null; ) seen.append(l).append('\n');
            } catch (IOException e) {
                // killed
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.toString().contains("line3\n"));
        first.destroyForcibly(); // the user hits Ctrl-C mid-stream
        assertThat(expected).startsWith(seen.toString()); // what it showed so far: in order, nothing twice
        Ado.Result again = Ado.run(up.url(), "attach", id);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).isEqualTo(expected);
        assertThat(Ado.run(up.url(), "logs", id, "--tail", "2").out()).isEqualTo("line29\nline30\n");
    }

    @Test
    @Order(5)
    void killDashNineOfTheWorkerReRunsTheTaskElsewhere() throws Exception {
        Path gate = dir.resolve("gate-kill9");
        String id = Ado.run(up.url(), "run", untilExists(gate) + "echo survived-$ADO_ATTEMPT", "--remote", "--detach").out().trim();
        TaskView running = await().atMost(Duration.ofSeconds(30)).until(() -> task(id), t -> t.status() == TaskStatus.RUNNING);
        assertThat(running.attempt()).isEqualTo(1);
        String victim = running.workerId();
        ProcessHandle worker = up.worker(victim);
        worker.destroyForcibly(); // SIGKILL
        worker.onExit().get(30, TimeUnit.SECONDS);
        Files.createFile(gate); // only now may an attempt finish: attempt 1 died with its worker, attempt 2 ends at once
        Ado.Result attach = Ado.run(up.url(), "attach", id);
        assertThat(attach.exit()).as(attach.err()).isZero();
        assertThat(attach.out()).isEqualTo("survived-2\n");
        TaskView t = task(id);
        assertThat(t.attempt()).isEqualTo(2);
        assertThat(t.workerId()).isNotEqualTo(victim);
        assertThat(Ado.run(up.url(), "ps", "--task", id).out()).contains("ATTEMPT").contains("connection_lost");
    }

    @Test
    @Order(4)
    void stoppedWorkerIsCaughtByTheHeartbeatTimeout() throws Exception {
        Path gate = dir.resolve("gate-stop");
        String id = Ado.run(up.url(), "run", untilExists(gate) + "echo done-$ADO_ATTEMPT", "--remote", "--detach").out().trim();
        TaskView running = await().atMost(Duration.ofSeconds(30)).until(() -> task(id), t -> t.status() == TaskStatus.RUNNING);
        assertThat(running.attempt()).isEqualTo(1);
        String victim = running.workerId();
        long pid = up.worker(victim).pid();
        new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> processState(pid) == 'T');
            // Attempt 1's shell (not stopped itself) may print now, but into the pipe of a frozen worker: nothing reaches the
            // controller before the heartbeat timeout fences it. Attempt 2 finds the gate open and ends at once.
            Files.createFile(gate);
            Ado.Result attach = Ado.run(up.url(), "attach", id);
            assertThat(attach.out()).isEqualTo("done-2\n");
            assertThat(task(id).attempts().get(0).error()).contains("heartbeat_timeout");
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
        }
    }

    @Test
    @Order(3)
    void psTellsWhyAPendingTaskWaits() throws Exception {
        String id = Ado.run(up.url(), "run", "train", "--remote", "--detach", "--capability", "gpu").out().strip();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Ado.run(up.url(), "ps", "--task", id).out()).contains("STATUS:    pending").contains("WAITING:   no worker has capability gpu"));
        assertThat(task(id).pendingReason()).isEqualTo("no worker has capability gpu");
        assertThat(Ado.run(up.url(), "cancel", id).exit()).isZero();
    }

    @Test
    @Order(3)
    void badInputIsAClearErrorAndChangesNothing() throws Exception {
        Ado.Result r = Ado.run(up.url(), "ps", "--task", "t-missing");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no task with id 't-missing'").contains("404");
        Ado.Result cancel = Ado.run(up.url(), "cancel", "t-missing");
        assertThat(cancel.err()).contains("not_found");
        Ado.Result badTimeout = Ado.run(up.url(), "run", "true", "--remote", "--timeout", "soon");
        assertThat(badTimeout.exit()).isEqualTo(2);
        assertThat(badTimeout.err()).contains("--timeout");
        Ado.Result noController = Ado.run("http://127.0.0.1:1", "ps");
        assertThat(noController.err()).contains("cannot reach the controller");
    }
}
