package io.ado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.controller.Controller;
import io.ado.controller.ControllerSettings;
import io.ado.protocol.JoinTokenGrant;
import io.ado.protocol.Json;
import io.ado.worker.WorkerAgent;
import io.ado.worker.WorkerSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ado admin token create} against an in-JVM controller: it prints a token the named worker can join with, once. */
class AdminTokenCommandIT {
    @TempDir Path dir;
    Controller controller;
    WorkerAgent worker;

    record Result(int exit, String out, String err) {}

    @BeforeEach
    void up() throws Exception { controller = Controller.start(ControllerSettings.defaults(dir).withPort(0)); }

    @AfterEach
    void down() {
        if (worker != null) worker.close();
        controller.close();
    }

    Result ado(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void printsOnlyTheTokenOnStdoutAndTheNamedWorkerJoinsWithIt() throws Exception {
        Result r = ado("admin", "token", "create", "--worker", "w-7", "--ttl", "10m", "--controller", controller.url());
        assertThat(r.exit()).isEqualTo(0);
        String token = r.out().strip();
        assertThat(token).matches("adojt_[0-9a-z]{32}");
        assertThat(r.err()).startsWith("join token for worker w-7: single-use, expires ").doesNotContain(token);

        worker = new WorkerAgent(WorkerSettings.of(URI.create(controller.url()), "w-7", 1).withJoinToken(token)).start();
        assertThat(worker.awaitRegistered(Duration.ofSeconds(10))).isTrue();

        Result json = ado("admin", "token", "create", "--worker", "w-8", "-o", "json", "--controller", controller.url());
        assertThat(json.exit()).isEqualTo(0);
        JoinTokenGrant g = Json.read(json.out().strip(), JoinTokenGrant.class);
        assertThat(g.workerId()).isEqualTo("w-8");
        assertThat(g.token()).isNotEqualTo(token);
    }

    @Test
    void aBadWorkerIdOrTtlIsTheControllersReasonAndExitCodeTwo() {
        Result ttl = ado("admin", "token", "create", "--worker", "w1", "--ttl", "forever", "--controller", controller.url());
        assertThat(ttl.exit()).isEqualTo(2);
        assertThat(ttl.err()).isEqualToIgnoringNewLines("ado: ttl: must be a duration like 30m, 1h or 7d, got 'forever' (bad_request, HTTP 400)");
        Result id = ado("admin", "token", "create", "--worker", "no spaces", "--controller", controller.url());
        assertThat(id.exit()).isEqualTo(2);
        assertThat(id.err()).contains("workerId: letters, digits");
        assertThat(ado("admin", "token", "create", "--controller", controller.url()).err()).contains("Missing required option: '--worker=ID'");
    }
}
