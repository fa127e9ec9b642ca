package io.ado.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the controller process, restart on the same data: tasks, workers and output are there; the running task completes. */
class ControllerCrashIT {
    @TempDir Path dir;

    @Test
    void stateSurvivesKillDashNine() throws Exception {
        String data = dir.resolve("data").toString();
        Ado.Started controller = Ado.start("controller", "--port", "0", "--data-dir", data);
        int port = URI.create(controller.url()).getPort();
        try (Ado.Started worker = Ado.start("worker", "--controller", controller.url(), "--id", "wk")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Ado.run(controller.url(), "workers", "status").out().contains("wk"));
            assertThat(Ado.run(controller.url(), "run", "echo first", "--remote").out()).isEqualTo("first\n");
            String id = Ado.run(controller.url(), "run", "echo one; sleep 3; echo two", "--remote", "--detach").out().trim();
            await().atMost(Duration.ofSeconds(30)).until(() -> Ado.run(controller.url(), "logs", id).out().contains("one"));

            controller.process().destroyForcibly().waitFor(); // SIGKILL
            assertThat(Ado.run(controller.url(), "ps").err()).contains("cannot reach");

            try (Ado.Started restarted = Ado.start("controller", "--port", Integer.toString(port), "--data-dir", data)) {
                Ado.Result attach = Ado.run(restarted.url(), "attach", id);
                assertThat(attach.exit()).as(attach.err()).isZero();
                assertThat(attach.out()).isEqualTo("one\ntwo\n");
                String ps = Ado.run(restarted.url(), "ps", "--all").out();
                assertThat(ps).contains("echo first").contains(id);
                assertThat(Ado.run(restarted.url(), "ps", "--task", id).out()).contains("completed").contains("ATTEMPTS:  1");
                assertThat(Ado.run(restarted.url(), "workers", "status").out()).contains("wk");
            }
        } finally {
            controller.process().destroyForcibly();
        }
    }
}
