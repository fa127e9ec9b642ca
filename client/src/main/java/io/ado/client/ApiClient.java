package io.ado.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ado.protocol.ErrorBody;
import io.ado.protocol.JoinTokenGrant;
import io.ado.protocol.Json;
import io.ado.protocol.OutputPage;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskView;
import io.ado.protocol.WorkerView;
import io.ado.runtime.Backoff;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** The controller's HTTP + WebSocket API as the CLI uses it. Errors come back as {@link ApiError} with the server's message. */
public final class ApiClient {
    private final List<String> bases; // the replicas of one controller, in the order given
    private volatile int current;     // the one that answered last
    /** For the streams (WebSocket) only, made on first use: building one costs ~190 ms of a short command's start (its TLS set-up). */
    private HttpClient http;

    private final Map<String, String> headers;
    /** Between reconnects of a dropped stream: 100 ms doubling up to 2 s, jittered so that followers do not return in lockstep. */
    static final Backoff RECONNECT = Backoff.ofMillis(100, 2000);
    private final RandomGenerator random;

    public ApiClient(String base) { this(base, System.getenv("ADO_TOKEN")); }

    public ApiClient(String base, String token) { this(base, token, RandomGenerator.getDefault()); }

    /** {@code random} draws the reconnect jitter. */
    public ApiClient(String base, String token, RandomGenerator random) {
        this.bases = Arrays.stream(base.split(",")).map(String::trim).filter(u -> !u.isEmpty()).map(u -> u.replaceAll("/+$", "")).toList();
        if (bases.isEmpty()) throw new IllegalArgumentException("controller URL: must not be empty");
        this.headers = token == null || token.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + token);
        this.random = random;
    }

    /**
     * The replica this client talks to now. Given several comma-separated URLs (the replicas of one
     * controller: any of them serves the API, a standby forwards to the leader), a request that cannot
     * connect to one moves on to the next; nothing was sent, so retrying it elsewhere is safe.
     */
    public String base() { return bases.get(current); }

    /** A refusal from the controller, or no controller at all. */
    public static final class ApiError extends RuntimeException {
        public ApiError(String message) { super(message); }
    }

    public TaskView submit(TaskSpec spec) { return Json.read(send("POST", "/api/v1/tasks", Json.write(spec), 201), TaskView.class); }

    /** Creates all of {@code specs} in one request: all of them or none. */
    public List<TaskView> submitAll(List<TaskSpec> specs) {
        return Json.read(send("POST", "/api/v1/tasks", Json.write(specs), 201), new TypeReference<List<TaskView>>() {});
    }

    public TaskView task(String id) { return Json.read(send("GET", "/api/v1/tasks/" + id, null, 200), TaskView.class); }

    public List<TaskView> tasks(boolean all) { return List.of(Json.read(send("GET", "/api/v1/tasks?all=" + all + "&limit=1000", null, 200), TaskView[].class)); }

    public TaskView cancel(String id) { return Json.read(send("POST", "/api/v1/tasks/" + id + "/cancel", "", 200), TaskView.class); }

    /** {@code GET /api/v1/admin/status} as the controller wrote it (JSON). */
    public String adminStatus() { return send("GET", "/api/v1/admin/status", null, 200); }

    /** {@code POST /api/v1/admin/scale}: keep at least {@code workers} workers (null clears the floor); the answer as JSON. */
    public String scale(Integer workers) { return send("POST", "/api/v1/admin/scale", "{\"workers\":" + workers + "}", 200); }

    public List<WorkerView> workers() { return List.of(Json.read(send("GET", "/api/v1/workers", null, 200), WorkerView[].class)); }

    /** {@code POST /api/v1/admin/tokens}: a single-use join token for {@code workerId}; {@code ttl} like {@code 1h}, or null for the controller's default. */
    public JoinTokenGrant createJoinToken(String workerId, String ttl) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("workerId", workerId);
        if (ttl != null) body.put("ttl", ttl);
        return Json.read(send("POST", "/api/v1/admin/tokens", Json.write(body), 201), JoinTokenGrant.class);
    }

    public OutputPage output(String id, long from, int limit) {
        return Json.read(send("GET", "/api/v1/tasks/" + id + "/output?from=" + from + "&limit=" + limit, null, 200), OutputPage.class);
    }

    /**
     * One request over {@link HttpURLConnection}: plain requests do not need the {@link HttpClient}
     * (whose start-up is most of a short CLI command's time), and the JDK keeps the connection alive.
     */
    private String send(String method, String path, String body, int expected) {
        int first = current;
        for (int i = 0; ; i++) {
            int at = (first + i) % bases.size();
            try {
                String text = send(bases.get(at), method, path, body, expected);
                current = at;
                return text;
            } catch (ConnectException e) {
                if (i == bases.size() - 1) {
                    throw new ApiError("cannot reach the controller at " + String.join(", ", bases) + " (is `ado up` or `ado controller` running?)");
                }
            }
        }
    }

    private String send(String base, String method, String path, String body, int expected) throws ConnectException {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(30_000);
            c.setRequestMethod(method);
            headers.forEach(c::setRequestProperty);
            byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            if (bytes != null) {
                c.setDoOutput(true);
                c.setRequestProperty("content-type", "application/json");
                c.setFixedLengthStreamingMode(bytes.length);
            }
            try {
                c.connect();
            } catch (IOException e) { // refused, unreachable or timed out: nothing was sent, another replica may answer
                throw e instanceof ConnectException ce ? ce : new ConnectException(base + ": " + e.getMessage());
            }
            if (bytes != null) {
                try (OutputStream out = c.getOutputStream()) { out.write(bytes); }
            }
            int status = c.getResponseCode();
            String text;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (status == expected) return text;
            String msg;
            try {
                ErrorBody e = Json.read(text, ErrorBody.class);
                msg = e.message() + " (" + e.error() + ", HTTP " + status + ")";
            } catch (IllegalArgumentException notJson) {
                msg = "HTTP " + status + ": " + text;
            }
            throw new ApiError(msg);
        } catch (ConnectException e) {
            throw e;
        } catch (IOException e) {
            throw new ApiError("talking to " + base + ": " + e);
        }
    }

    private synchronized HttpClient http() {
        if (http == null) http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return http;
    }

    /**
     * Follows a task's stream from {@code from} until its {@code End}, reconnecting from the
     * last seen sequence number if the connection drops; returns the End.
     */
    public StreamMessage.End follow(String taskId, long from, Consumer<StreamMessage> onMessage) throws InterruptedException {
        long next = from;
        int failures = 0;
        while (true) {
            LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
            Object closed = new Object();
            if (failures > 0) current = (current + 1) % bases.size(); // the stream dropped: the next replica may be the one up
            URI uri = URI.create(base().replaceFirst("^http", "ws") + "/api/v1/tasks/" + taskId + "/stream?from=" + next);
            TextWebSocket ws = null;
            try {
                ws = TextWebSocket.connect(http(), uri, headers, Duration.ofSeconds(5), inbox::add, why -> inbox.add(closed));
                failures = 0;
                while (true) {
                    Object item = inbox.poll(1, TimeUnit.HOURS);
                    if (item == null || item == closed) break;
                    String text = (String) item;
                    if (text.contains("\"error\"") && !text.contains("\"type\"")) {
                        throw new ApiError(Json.read(text, ErrorBody.class).message());
                    }
                    StreamMessage m = Json.read(text, StreamMessage.class);
                    if (m instanceof StreamMessage.Chunk c) {
                        if (c.seq() < next) continue;
                        next = c.seq() + 1;
                    }
                    onMessage.accept(m);
                    if (m instanceof StreamMessage.End e) return e;
                }
            } catch (ApiError e) {
                throw e;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (++failures > 50) throw new ApiError("lost the stream of " + taskId + ": " + e.getMessage());
            } finally {
                if (ws != null) ws.abort("done");
            }
            Thread.sleep(RECONNECT.delay(Math.max(0, failures - 1), random).toMillis());
        }
    }
}
