package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.client.TextWebSocket;
import io.ado.controller.state.StoreSettings;
import io.ado.protocol.ErrorBody;
import io.ado.protocol.Json;
import io.ado.worker.WorkerAgent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With an API token, requests, streams and workers without it are refused with 401; the token never shows. */
class AuthIT {
    static final String TOKEN = "test-token-0123456789";
    @TempDir Path dir;
    LocalCluster cluster;

    @BeforeEach
    void up() throws Exception { cluster = new LocalCluster(dir, StoreSettings.EMBEDDED, TOKEN); }

    @AfterEach
    void down() { cluster.close(); }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.controller.url() + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return cluster.api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsNeedTheToken() throws Exception {
        HttpResponse<String> none = get("/api/v1/tasks", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Json.read(none.body(), ErrorBody.class).error()).isEqualTo("unauthorized");
        assertThat(get("/api/v1/tasks", "wrong-token-0123456789").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/tasks", TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/admin/config", TOKEN).body()).contains("\"apiToken\":\"set\"").doesNotContain(TOKEN);
    }

    @Test
    void metricsAndTheApiDescriptionNeedTheTokenToo() throws Exception {
        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "wrong-token-0123456789").statusCode()).isEqualTo(401);
        assertThat(get("/metrics", TOKEN).body()).contains("ado_queue_length").doesNotContain(TOKEN);
        assertThat(get("/api/openapi.json", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/openapi.json", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void socketsNeedTheTokenToo() throws Exception {
        URI events = URI.create(cluster.controller.url().replace("http", "ws") + "/api/v1/events");
        assertThatThrownBy(() -> TextWebSocket.connect(cluster.api.http, events, Duration.ofSeconds(5), m -> {}, w -> {}))
                .hasStackTraceContaining("401");
        TextWebSocket ok = TextWebSocket.connect(cluster.api.http, events, Map.of("Authorization", "Bearer " + TOKEN), Duration.ofSeconds(5), m -> {}, w -> {});
        assertThat(ok.isOpen()).isTrue();

        WorkerAgent stranger = cluster.startWorker("stranger", 1, null);
        assertThat(stranger.awaitRegistered(Duration.ofMillis(1500))).isFalse();
        WorkerAgent member = cluster.addWorker("member", 1);
        assertThat(member.isConnected()).isTrue();
        assertThat(get("/api/v1/workers", TOKEN).body()).contains("member").doesNotContain("stranger");
    }
}
