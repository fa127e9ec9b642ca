package io.ado.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.controller.state.StoreSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ado controller} pointed at a PostgreSQL or Redis it cannot use, or bound to every interface
 * without an API token, exits at once with one clear line.
 */
class ControllerStartupIT {
    @Test
    void insecureListensOnEveryInterfaceAndSaysSo() throws Exception {
        Process p = Ado.builder(null, List.of("controller", "--port", "0", "--host", "0.0.0.0", "--insecure"), Map.of()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            for (String line = r.readLine(); line != null && !line.startsWith("ado controller listening on"); line = r.readLine()) seen.append(line).append('\n');
            assertThat(seen).contains("INSECURE: listening on 0.0.0.0 without an API token");
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    static final String P = "distributed.controller.";

    @Test
    void aWrongPostgresUrlOrRedisUrlExitsWithOneLineAndNoPassword() throws Exception {
        // The password comes from the environment only (StoreSettings.PASSWORD_ENV), and still never shows.
        Ado.Result pg = Ado.runWithEnv(Map.of(StoreSettings.PASSWORD_ENV, "hunter2-secret"), null, "controller", "--port", "0", "--set", P + "state=postgres",
                "--set", P + "postgres.url=jdbc:postgresql://127.0.0.1:1/ado");
        assertThat(pg.exit()).isEqualTo(1);
        assertThat(pg.err()).contains("ado: the controller cannot start: cannot open the state store at jdbc:postgresql://127.0.0.1:1/ado as user 'postgres'")
                .doesNotContain("hunter2-secret").doesNotContain("\tat "); // one line, no stack trace
        assertThat(pg.out()).doesNotContain("hunter2-secret").doesNotContain("listening");

        try (SharedServers servers = new SharedServers()) {
            Ado.Result redis = Ado.run(null, "controller", "--port", "0", "--set", P + "state=postgres", "--set", P + "postgres.url=" + servers.url,
                    "--set", P + "events=redis", "--set", P + "redis.url=redis://127.0.0.1:1");
            assertThat(redis.exit()).isEqualTo(1);
            assertThat(redis.err()).contains("ado: the controller cannot start: cannot connect to Redis at redis://127.0.0.1:1");
        }

        Ado.Result open = Ado.run(null, "controller", "--port", "0", "--host", "0.0.0.0");
        assertThat(open.exit()).isEqualTo(1);
        assertThat(open.err()).contains("refusing to listen on 0.0.0.0 without an API token").contains("--insecure");
        assertThat(open.out()).doesNotContain("listening");

        Ado.Result worker = Ado.run(null, "worker", "--controller", "http://192.0.2.1:8080");
        assertThat(worker.exit()).isEqualTo(2);
        assertThat(worker.err()).contains("refusing to connect to http://192.0.2.1:8080 over plain HTTP without a token");

        Ado.Result bad = Ado.run(null, "controller", "--port", "0", "--set", P + "state=mongo");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--set: distributed.controller.state: must be embedded or postgres, got 'mongo'");
    }
}
