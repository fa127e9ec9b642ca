package io.ado.bench.spine;

import io.ado.protocol.Json;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The bench's side of the API: one-at-a-time submits over a kept-alive socket, plain GET/POST, waiting, figures. */
final class BenchClient {
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String base;
    private Submitters client; // one keep-alive connection for the one-at-a-time submits of the main thread

    BenchClient(String base) { this.base = base; }

    String submit(TaskSpec spec) throws Exception {
        byte[] body = Json.write(spec).getBytes(StandardCharsets.UTF_8);
        for (int tries = 0; ; tries++) {
            try {
                if (client == null) {
                    URI u = URI.create(base);
                    client = new Submitters(u.getHost(), u.getPort(), "/api/v1/tasks");
                }
                return Json.read(client.post(body), TaskView.class).id();
            } catch (IOException e) {
                client = null; // the server closed an idle connection: open a new one, once
                if (tries > 0) throw e;
            }
        }
    }

    String post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    List<?> workers() throws Exception { return Json.read(get("/api/v1/workers"), List.class); }

    interface Check { boolean ok() throws Exception; }

    static void waitFor(Check c, Duration limit, String what) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!c.ok()) {
            if (System.nanoTime() > end) throw new IllegalStateException("bench: gave up waiting for " + what);
            Thread.sleep(1);
        }
    }

    static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    /** A {@code BENCH} line; a name starting with {@code #} is a comment line (a traced figure, not one to compare). */
    static void print(String name, double value, String unit) {
        System.out.printf(name.startsWith("#") ? "%s %.2f %s%n" : "BENCH %s %.2f %s%n", name, value, unit);
        System.out.flush();
    }
}
