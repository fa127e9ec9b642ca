package io.ado.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ado.protocol.TaskSpec;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a stand-in server (the JDK's HttpServer): refusals carry the server's message; the token is sent. */
class ApiClientTest {
    HttpServer server;
    final List<String> auth = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/tasks", ex -> {
            auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"error\":\"invalid_task\",\"message\":\"command: required\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(400, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() { server.stop(0); }

    @Test
    void aRefusalCarriesTheServersMessageAndTheTokenIsSent() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + server.getAddress().getPort() + "/", "a-long-enough-token", new SplittableRandom(1));
        assertThat(api.base()).doesNotEndWith("/");
        assertThatThrownBy(() -> api.submit(TaskSpec.shell("true")))
                .isInstanceOf(ApiClient.ApiError.class).hasMessage("command: required (invalid_task, HTTP 400)");
        assertThat(auth).containsExactly("Bearer a-long-enough-token");
    }

    @Test
    void noControllerIsSaidPlainly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); } // free, and nobody listens after the close
        ApiClient api = new ApiClient("http://127.0.0.1:" + port, null);
        assertThatThrownBy(api::workers).hasMessageStartingWith("cannot reach the controller at http://127.0.0.1:" + port);
    }

    @Test
    void reconnectDelaysGrowAndStayUnderTheCap() {
        assertThat(ApiClient.RECONNECT.ceiling(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(ApiClient.RECONNECT.ceiling(10)).isEqualTo(Duration.ofSeconds(2));
        SplittableRandom r = new SplittableRandom(7);
        for (int attempt = 0; attempt < 20; attempt++) assertThat(ApiClient.RECONNECT.delay(attempt, r)).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
}
