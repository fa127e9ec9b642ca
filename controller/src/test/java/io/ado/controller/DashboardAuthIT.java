package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ado.client.TextWebSocket;
import io.ado.controller.state.StoreSettings;
import io.ado.protocol.Json;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's login: a session cookie that never holds the token, CSRF on its POSTs, sockets by the cookie from the page's origin. */
class DashboardAuthIT {
    static final String TOKEN = "dash-token-0123456789";
    @TempDir Path dir;
    LocalCluster cluster;

    @AfterEach
    void down() { if (cluster != null) cluster.close(); }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.controller.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Origin")) b.header("Origin", cluster.controller.url()); // as the page's own fetches do
        headers.forEach(b::header);
        return cluster.api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String body) throws Exception { return send("POST", "/dashboard/login", body, Map.of("Content-Type", "application/json")); }

    /** The {@code name=value} part of the session cookie the login set. */
    private static String sessionCookie(HttpResponse<String> login) { return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0]; }

    private String runningTask() throws Exception {
        cluster.addWorker("w1", 1);
        String id = submit("while [ ! -f " + dir.resolve("gate") + " ]; do echo line; sleep 0.1; done");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id) == TaskStatus.RUNNING);
        return id;
    }

    private String submit(String command) throws Exception {
        var r = send("POST", "/api/v1/tasks", Json.write(TaskSpec.shell(command)), Map.of("Authorization", "Bearer " + TOKEN));
        assertThat(r.statusCode()).isEqualTo(201);
        return (String) Json.read(r.body(), Map.class).get("id");
    }

    private TaskStatus status(String id) throws Exception {
        var r = send("GET", "/api/v1/tasks/" + id, null, Map.of("Authorization", "Bearer " + TOKEN));
        return TaskStatus.valueOf(((String) Json.read(r.body(), Map.class).get("status")).toUpperCase());
    }

    @Test
    void thePageIsServedButTheApiNeedsTheLogin() throws Exception {
        cluster = new LocalCluster(dir, StoreSettings.EMBEDDED, TOKEN);
        var page = send("GET", "/", null, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<title>ado dashboard</title>", "/dashboard/app.js");
        assertThat(send("GET", "/dashboard/app.js", null, Map.of()).headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(send("GET", "/dashboard/app.css", null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/dashboard/../pom.xml", null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/dashboard/session", null, Map.of()).body()).contains("\"authRequired\":true", "\"authenticated\":false");
        var api = send("GET", "/api/v1/workers", null, Map.of());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("unauthorized");
    }

    @Test
    void aWrongTokenGetsNoCookieAndTheRightOneACookieThatIsNotTheToken() throws Exception {
        cluster = new LocalCluster(dir, StoreSettings.EMBEDDED, TOKEN);
        var wrong = login("{\"token\":\"wrong-token-0123456789\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        var typed = login("{\"token\":12345}");
        assertThat(typed.statusCode()).isEqualTo(400);
        assertThat(typed.body()).doesNotContain("12345");
        var foreign = send("POST", "/dashboard/login", "{\"token\":\"" + TOKEN + "\"}", Map.of("Origin", "http://evil.example"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Set-Cookie")).isEmpty();

        var ok = login("{\"token\":\"" + TOKEN + "\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("ado_session=").contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain(TOKEN);
        String csrf = (String) Json.read(ok.body(), Map.class).get("csrf");
        assertThat(csrf).isNotBlank().isNotEqualTo(TOKEN);
        var session = send("GET", "/dashboard/session", null, Map.of("Cookie", sessionCookie(ok)));
        assertThat(session.body()).contains("\"authenticated\":true", csrf);
        assertThat(send("GET", "/api/v1/workers", null, Map.of("Cookie", sessionCookie(ok))).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/workers", null, Map.of("Cookie", sessionCookie(ok) + "x")).statusCode()).as("tampered").isEqualTo(401);
        var out = send("POST", "/dashboard/logout", null, Map.of("Cookie", sessionCookie(ok)));
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("ado_session=;").contains("Max-Age=0");
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        cluster = new LocalCluster(dir, StoreSettings.EMBEDDED, TOKEN);
        String id = runningTask();
        var ok = login("{\"token\":\"" + TOKEN + "\"}");
        String cookie = sessionCookie(ok);
        String csrf = (String) Json.read(ok.body(), Map.class).get("csrf");

        var none = send("POST", "/api/v1/tasks/" + id + "/cancel", null, Map.of("Cookie", cookie));
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("\"error\":\"csrf\"");
        assertThat(send("POST", "/api/v1/tasks/" + id + "/cancel", null, Map.of("Cookie", cookie, "X-Ado-Csrf", csrf + "x")).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/workers/w1/drain", null, Map.of("Cookie", cookie)).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/tasks", Json.write(TaskSpec.shell("echo no")), Map.of("Cookie", cookie)).statusCode()).isEqualTo(403);
        var noCookie = send("POST", "/api/v1/tasks/" + id + "/cancel", null, Map.of("X-Ado-Csrf", csrf));
        assertThat(noCookie.statusCode()).isEqualTo(401);
        assertThat(status(id)).isEqualTo(TaskStatus.RUNNING);
        assertThat(cluster.api.http.send(HttpRequest.newBuilder(URI.create(cluster.controller.url() + "/api/v1/tasks?all=true"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body()).doesNotContain("echo no");
        assertThat(send("GET", "/api/v1/workers", null, Map.of("Authorization", "Bearer " + TOKEN)).body()).doesNotContain("draining");

        var cancel = send("POST", "/api/v1/tasks/" + id + "/cancel", null, Map.of("Cookie", cookie, "X-Ado-Csrf", csrf));
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id) == TaskStatus.CANCELLED);
    }

    @Test
    void socketsOpenWithTheCookieOnlyFromThePagesOrigin() throws Exception {
        cluster = new LocalCluster(dir, StoreSettings.EMBEDDED, TOKEN);
        String cookie = sessionCookie(login("{\"token\":\"" + TOKEN + "\"}"));
        URI events = URI.create(cluster.controller.url().replace("http", "ws") + "/api/v1/events");
        Map<String, String> same = new HashMap<>(Map.of("Cookie", cookie, "Origin", cluster.controller.url()));
        TextWebSocket ok = TextWebSocket.connect(cluster.api.http, events, same, Duration.ofSeconds(5), m -> {}, w -> {});
        assertThat(ok.isOpen()).isTrue();
        assertThatThrownBy(() -> TextWebSocket.connect(cluster.api.http, events, Map.of("Cookie", cookie, "Origin", "http://evil.example"),
                Duration.ofSeconds(5), m -> {}, w -> {})).hasStackTraceContaining("403");
        assertThatThrownBy(() -> TextWebSocket.connect(cluster.api.http, events, Map.of("Origin", cluster.controller.url()),
                Duration.ofSeconds(5), m -> {}, w -> {})).hasStackTraceContaining("401");
    }

    @Test
    void withoutATokenThePageIsOpenAsTheApiIs() throws Exception {
        cluster = new LocalCluster(dir);
        assertThat(send("GET", "/dashboard/session", null, Map.of()).body()).contains("\"authRequired\":false", "\"authenticated\":true");
        assertThat(send("GET", "/api/v1/workers", null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(login("{\"token\":\"x\"}").statusCode()).isEqualTo(400);
    }
}
