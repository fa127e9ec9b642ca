package io.ado.worker.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ado.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;

/**
 * The Docker Engine API calls a container task needs, on one engine. {@link #probe} learns the
 * engine's API version, and every later path is prefixed with it ({@code /v1.41/...}), so the
 * engine answers in the version it speaks. A call that gets no answer within the request timeout
 * fails; the long ones (logs, wait, pull) have a deadline only for the head of their answer.
 */
public final class DockerEngine implements AutoCloseable {
    private final EngineAddress address;
    private final Duration timeout;
    private final ScheduledThreadPoolExecutor timer;
    private final EngineHttp http;
    private volatile String prefix = "";

    public DockerEngine(EngineAddress address, Duration requestTimeout) {
        this.address = address;
        this.timeout = requestTimeout;
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("engine-deadlines").factory());
        timer.setRemoveOnCancelPolicy(true);
        this.http = new EngineHttp(address, timer);
    }

    public EngineAddress address() { return address; }

    /** Pings the engine and reads its version; from now on paths carry its API version. */
    public EngineInfo probe() throws IOException {
        EngineHttp.Response ping = http.call("GET", "/_ping", null, timeout);
        if (ping.status() != 200) throw new EngineException(ping.status(), "ping answered " + ping.status() + ": " + ping.text());
        JsonNode v = json(ok(http.call("GET", "/version", null, timeout)));
        String api = v.path("ApiVersion").asText("");
        JsonNode first = v.path("Components").path(0);
        String name = first.path("Name").asText(v.path("Platform").path("Name").asText("engine"));
        if (api.matches("\\d+\\.\\d+")) prefix = "/v" + api;
        return new EngineInfo(address, name, v.path("Version").asText("?"), api.isEmpty() ? "?" : api);
    }

    /**
     * Pulls {@code image}. The engine answers 200 and then reports progress, and a failure, as JSON
     * lines: an {@code error} line is this call's failure. {@code inFlight} gets the open answer,
     * so a cancel can close it.
     */
    public void pull(String image, Consumer<AutoCloseable> inFlight) throws IOException {
        int at = image.lastIndexOf('@');
        int colon = image.lastIndexOf(':');
        String repo = image;
        String tag = "latest";
        if (at > 0) {
            repo = image.substring(0, at);
            tag = image.substring(at + 1);
        } else if (colon > image.lastIndexOf('/')) {
            repo = image.substring(0, colon);
            tag = image.substring(colon + 1);
        }
        String path = prefix + "/images/create?fromImage=" + query(repo) + "&tag=" + query(tag);
        try (EngineStream s = http.open("POST", path, null, timeout)) {
            inFlight.accept(s);
            if (s.status() / 100 != 2) throw error(s.status(), EngineHttp.readAll(s.body()));
            BufferedReader lines = new BufferedReader(new InputStreamReader(s.body(), StandardCharsets.UTF_8));
            boolean any = false;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isBlank()) continue;
                JsonNode n = parse(line);
                if (n != null && n.hasNonNull("error")) throw new EngineException(500, n.get("error").asText());
                any = true;
            }
            if (!any) throw new EngineException(500, "the engine's pull answer was empty");
        }
    }

    /** Creates the container; returns its id. 404: no such image (the reason says which). */
    public String create(ContainerConfig config) throws IOException {
        return json(ok(http.call("POST", prefix + "/containers/create", config.toJson(), timeout))).path("Id").asText();
    }

    public void start(String id) throws IOException {
        EngineHttp.Response r = http.call("POST", prefix + "/containers/" + id + "/start", null, timeout);
        if (r.status() != 304) ok(r); // 304: already started
    }

    /** Its stdout and stderr from the start, and with {@code follow} on until it exits; read it with a {@link LogDemuxer}. */
    public EngineStream logs(String id, boolean follow) throws IOException {
        EngineStream s = http.open("GET", prefix + "/containers/" + id + "/logs?follow=" + (follow ? 1 : 0) + "&stdout=1&stderr=1", null, timeout);
        if (s.status() / 100 != 2) {
            try (s) {
                throw error(s.status(), EngineHttp.readAll(s.body()));
            }
        }
        return s;
    }

    /** Opens a wait for the container's exit; {@link #exitCode} reads it. Closing the stream abandons the wait. */
    public EngineStream openWait(String id) throws IOException {
        return http.open("POST", prefix + "/containers/" + id + "/wait", null, timeout);
    }

    /** Blocks until the container has exited and returns its code. */
    public static int exitCode(EngineStream wait) throws IOException {
        byte[] body = EngineHttp.readAll(wait.body());
        if (wait.status() / 100 != 2) throw error(wait.status(), body);
        JsonNode n = parse(new String(body, StandardCharsets.UTF_8));
        if (n == null || !n.has("StatusCode")) throw new IOException("the engine's wait answer had no exit code: " + new String(body, StandardCharsets.UTF_8));
        return n.get("StatusCode").asInt();
    }

    /** SIGTERM, then SIGKILL after {@code grace} (the engine does both); an already stopped or removed container is fine. */
    public void stop(String id, Duration grace) throws IOException {
        EngineHttp.Response r = http.call("POST", prefix + "/containers/" + id + "/stop?t=" + Math.max(0, grace.toSeconds()), null, timeout.plus(grace));
        if (r.status() != 304 && r.status() != 404) ok(r);
    }

    public void kill(String id) throws IOException {
        EngineHttp.Response r = http.call("POST", prefix + "/containers/" + id + "/kill", null, timeout);
        if (r.status() != 404 && r.status() != 409) ok(r); // 409: not running
    }

    /** Removes it, running or not, with its anonymous volumes; one already gone is fine. */
    public void remove(String id) throws IOException {
        EngineHttp.Response r = http.call("DELETE", prefix + "/containers/" + id + "?force=1&v=1", null, timeout);
        if (r.status() != 404) ok(r);
    }

    /** Every container, running or not, that carries all of {@code labels}. */
    public List<ContainerSummary> list(Map<String, String> labels) throws IOException {
        List<String> filters = new ArrayList<>();
        labels.forEach((k, v) -> filters.add(k + "=" + v));
        String f = Json.write(Map.of("label", filters));
        JsonNode list = json(ok(http.call("GET", prefix + "/containers/json?all=1&filters=" + query(f), null, timeout)));
        List<ContainerSummary> out = new ArrayList<>();
        for (JsonNode c : list) {
            Map<String, String> l = new HashMap<>();
            c.path("Labels").properties().forEach(e -> l.put(e.getKey(), e.getValue().asText()));
            out.add(new ContainerSummary(c.path("Id").asText(), l, Instant.ofEpochSecond(c.path("Created").asLong()), c.path("State").asText()));
        }
        return out;
    }

    /** {@code GET /containers/{id}/json}: its configuration and state as the engine reports them. */
    public JsonNode inspect(String id) throws IOException {
        return json(ok(http.call("GET", prefix + "/containers/" + id + "/json", null, timeout)));
    }

    @Override
    public void close() { timer.shutdownNow(); }

    private static EngineHttp.Response ok(EngineHttp.Response r) throws EngineException {
        if (r.status() / 100 != 2) throw error(r.status(), r.body());
        return r;
    }

    /** The engine's own reason: the {@code message} of its JSON error body, else the body's text. */
    private static EngineException error(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        JsonNode n = parse(text);
        String message = n != null && n.hasNonNull("message") ? n.get("message").asText() : text.isEmpty() ? "status " + status : text;
        return new EngineException(status, message);
    }

    private static JsonNode json(EngineHttp.Response r) throws IOException {
        JsonNode n = parse(r.text());
        if (n == null) throw new IOException("the engine's answer is not JSON: " + r.text());
        return n;
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String query(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
