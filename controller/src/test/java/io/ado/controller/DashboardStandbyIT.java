package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.controller.state.Postgres;
import io.ado.controller.state.StoreSettings;
import io.ado.protocol.Json;
import io.ado.protocol.TaskSpec;
import io.ado.worker.WorkerAgent;
import io.ado.worker.WorkerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standby serves the dashboard and its login; the session's requests reach the leader with the token, CSRF checked first. */
class DashboardStandbyIT {
    static final String TOKEN = "dash-token-0123456789";
    @TempDir Path dir;
    final String pgUrl = Postgres.freshSchemaUrl();
    final StoreSettings backends = StoreSettings.postgresAndRedis(pgUrl, Postgres.USER, Postgres.PASSWORD, ProductionBackendsIT.REDIS,
            "ado-it-" + UUID.randomUUID() + ":");
    final List<AutoCloseable> open = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void down() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
        Postgres.dropSchemaOf(pgUrl);
    }

    private Controller replica() throws Exception {
        Controller c = Controller.start(ControllerSettings.defaults(dir).withHealth(LocalCluster.FAST).withPort(0).withStore(backends).withApiToken(TOKEN));
        open.add(c);
        return c;
    }

    private HttpResponse<String> send(Controller c, String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.url() + path)).header("Origin", c.url())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStandbyServesThePageAndForwardsTheSessionsRequests() throws Exception {
        Controller a = replica();
        Controller b = replica();
        assertThat(b.isLeader()).isFalse();
        WorkerSettings s = WorkerSettings.of(URI.create(a.url()), "sb-w1", 1);
        WorkerAgent w = new WorkerAgent(new WorkerSettings(s.controllers(), "sb-w1", s.hostname(), List.of(), 1, "api", null, s.agents(),
                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5), TOKEN, null)).start();
        open.add(w);
        assertThat(w.awaitRegistered(Duration.ofSeconds(10))).isTrue();

        assertThat(send(b, "GET", "/", null, Map.of()).body()).contains("<title>ado dashboard</title>");
        var login = send(b, "POST", "/dashboard/login", "{\"token\":\"" + TOKEN + "\"}", Map.of("Content-Type", "application/json"));
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = (String) Json.read(login.body(), Map.class).get("csrf");

        var workers = send(b, "GET", "/api/v1/workers", null, Map.of("Cookie", cookie));
        assertThat(workers.statusCode()).as(workers.body()).isEqualTo(200);
        assertThat(workers.body()).contains("sb-w1"); // the live list: only the leader has it
        assertThat(send(a, "GET", "/api/v1/workers", null, Map.of("Cookie", cookie)).statusCode()).as("the leader accepts the same cookie").isEqualTo(200);

        var created = send(a, "POST", "/api/v1/tasks", Json.write(TaskSpec.shell("while [ ! -f " + dir.resolve("gate") + " ]; do sleep 0.1; done")),
                Map.of("Authorization", "Bearer " + TOKEN));
        String id = (String) Json.read(created.body(), Map.class).get("id");
        assertThat(send(b, "POST", "/api/v1/tasks/" + id + "/cancel", null, Map.of("Cookie", cookie)).statusCode()).isEqualTo(403);
        var cancel = send(b, "POST", "/api/v1/tasks/" + id + "/cancel", null, Map.of("Cookie", cookie, "X-Ado-Csrf", csrf));
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> send(a, "GET", "/api/v1/tasks/" + id, null, Map.of("Authorization", "Bearer " + TOKEN))
                .body().contains("\"status\":\"cancelled\""));
    }
}
