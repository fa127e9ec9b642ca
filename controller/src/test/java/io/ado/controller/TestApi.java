package io.ado.controller;

import io.ado.client.TextWebSocket;
import io.ado.protocol.Json;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskView;
import io.ado.protocol.WorkerView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny HTTP + WebSocket client for the controller tests (the CLI has the real one). */
final class TestApi {
    final String base;
    final HttpClient http = HttpClient.newHttpClient();

    TestApi(String base) { this.base = base; }

    record Response(int status, String body) {}

    Response post(String path, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        return new Response(res.statusCode(), res.body());
    }

    Response get(String path) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(res.statusCode(), res.body());
    }

    String submit(TaskSpec spec) throws Exception {
        Response r = post("/api/v1/tasks", Json.write(spec));
        if (r.status() != 201) throw new AssertionError("submit: " + r);
        return Json.read(r.body(), TaskView.class).id();
    }

    TaskView task(String id) throws Exception { return Json.read(get("/api/v1/tasks/" + id).body(), TaskView.class); }

    List<WorkerView> workers() throws Exception {
        return List.of(Json.read(get("/api/v1/workers").body(), WorkerView[].class));
    }

    /** Subscribes to a task's stream from {@code from}; messages collect in the returned list. */
    Stream stream(String taskId, long from) throws Exception {
        Stream s = new Stream();
        URI uri = URI.create(base.replaceFirst("^http", "ws") + "/api/v1/tasks/" + taskId + "/stream?from=" + from);
        s.socket = TextWebSocket.connect(http, uri, Duration.ofSeconds(5),
                text -> s.messages.add(Json.read(text, StreamMessage.class)), why -> s.closed = true);
        return s;
    }

    static final class Stream {
        final List<StreamMessage> messages = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        TextWebSocket socket;

        boolean ended() { return messages.stream().anyMatch(m -> m instanceof StreamMessage.End); }

        List<StreamMessage.Chunk> chunks() {
            return messages.stream().filter(m -> m instanceof StreamMessage.Chunk).map(m -> (StreamMessage.Chunk) m).toList();
        }

        String text() { return String.join("", chunks().stream().map(StreamMessage.Chunk::data).toList()); }
    }
}
