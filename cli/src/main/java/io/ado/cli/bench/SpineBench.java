package io.ado.cli.bench;

import io.ado.cli.Main;
import io.ado.controller.Controller;
import io.ado.controller.ControllerSettings;
import io.ado.protocol.Event;
import io.ado.protocol.Json;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskView;
import io.ado.worker.TextWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end benchmark of the spine (run by {@code bench/run spine}): a controller with its
 * durable H2 store in this JVM, 4 local worker processes, a client over HTTP and WebSockets on
 * 127.0.0.1. Prints {@code BENCH <name> <value> <unit>} lines.
 */
public final class SpineBench {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Long> runningAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> runningAttempt = new ConcurrentHashMap<>();
    private final AtomicInteger completed = new AtomicInteger();
    private String base;

    private static final int WARM_UP = 400;
    /** Concurrent HTTP submitters in the throughput phases. */
    private int clients = 64;
    /** {@code all}, or {@code controller}: only the instant-worker throughput phase. */
    private String only = "all";

    /** {@code [TASKS] [--store embedded|postgres] [--clients N] [--only all|controller]}. */
    public static void main(String[] args) throws Exception {
        int tasks = 10_000;
        String store = "embedded";
        SpineBench bench = new SpineBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--store" -> store = args[++i];
                case "--clients" -> bench.clients = Integer.parseInt(args[++i]);
                case "--only" -> bench.only = args[++i];
                default -> tasks = Integer.parseInt(args[i]);
            }
        }
        if (!store.equals("embedded") && !store.equals("postgres")) throw new IllegalArgumentException("--store: embedded or postgres");
        BenchBackends backends = store.equals("postgres") ? BenchBackends.postgres() : BenchBackends.embedded();
        try (backends) {
            bench.run(tasks, backends.backends());
        }
        System.exit(0);
    }

    private void run(int tasks, io.ado.controller.Backends backends) throws Exception {
        Path data = Files.createTempDirectory("ado-bench");
        System.out.println("# store=" + backends.state() + " events=" + backends.events() + " tasks=" + tasks + " clients=" + clients);
        try (Controller c = Controller.start(ControllerSettings.defaults(data).withPort(0).withBackends(backends))) {
            base = c.url();
            TextWebSocket.connect(http, URI.create(base.replace("http", "ws") + "/api/v1/events"), Duration.ofSeconds(5), this::onEvent, w -> {});
            try (InstantWorkers instant = new InstantWorkers(http, base, 16, 5)) {
                waitFor(() -> workers().size() == 16, Duration.ofSeconds(60), "16 instant workers to register");
                throughput(tasks / 2, null);                     // warm-up (JIT), not measured
                throughput(tasks, "controller_noop_throughput"); // the controller and its store alone: no process per task
                throughput(tasks, "controller_noop_throughput_lists_of_10", 10); // the same, ten tasks per POST
                submitToStart("controller_submit_to_start"); // the same, one task at a time: the controller's and the protocol's share
            }
            if (only.equals("controller")) return;
            waitFor(() -> ((Number) Json.read(get("/api/v1/admin/status"), Map.class).get("workers")).intValue() == 0, Duration.ofSeconds(60),
                    "instant workers to leave");
            List<Process> workers = new ArrayList<>();
            for (int i = 1; i <= 4; i++) workers.add(spawnWorker("bench-" + i));
            try {
                waitFor(() -> workers().size() == 4, Duration.ofSeconds(60), "4 workers to register");
                submitToStart("submit_to_start");
                streamLatency();
                throughput(tasks, "noop_throughput");
                workerDeath(workers);
            } finally {
                workers.forEach(Process::destroyForcibly);
            }
        }
    }

    private void onEvent(String text) {
        long now = System.nanoTime();
        Event e = Json.read(text, Event.class);
        if (e.type().equals("task.running")) {
            String id = (String) e.data().get("taskId");
            runningAt.putIfAbsent(id + "#" + e.data().get("attempt"), now);
            runningAttempt.merge(id, ((Number) e.data().get("attempt")).intValue(), Math::max);
        } else if (e.type().equals("task.completed")) {
            completed.incrementAndGet();
        }
    }

    /** Unloaded: one task at a time (the previous one has completed), POST sent → the task.running event back at the client. */
    private void submitToStart(String name) throws Exception {
        int before = completed.get();
        for (int i = 0; i < WARM_UP; i++) submit(TaskSpec.shell("true")); // JIT warm-up of the worker JVMs and the controller's paths
        waitFor(() -> completed.get() >= before + WARM_UP, Duration.ofSeconds(120), "warm-up"); // done before measuring: unloaded
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int done = completed.get();
            long t0 = System.nanoTime();
            String id = submit(TaskSpec.shell("true"));
            waitFor(() -> runningAt.containsKey(id + "#1") && completed.get() > done, Duration.ofSeconds(30), "task start and end");
            ms.add((runningAt.get(id + "#1") - t0) / 1e6);
        }
        if (Boolean.getBoolean("bench.trace")) {
            StringBuilder b = new StringBuilder("# slowest: ");
            java.util.stream.IntStream.range(0, ms.size()).boxed().sorted((x, y) -> Double.compare(ms.get(y), ms.get(x))).limit(10)
                    .forEach(i -> b.append(String.format("#%d=%.2f ", i, ms.get(i))));
            System.out.println(b);
        }
        print(name + "_p50", pct(ms, 50), "ms");
        print(name + "_p99", pct(ms, 99), "ms");
    }

    /** The task prints its wall-clock time in µs on each line; the client compares on receipt. */
    private void streamLatency() throws Exception {
        String id = submit(TaskSpec.shell("for i in $(seq 1 300); do date +%s%6N; sleep 0.01; done"));
        List<Double> ms = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch end = new CountDownLatch(1);
        TextWebSocket.connect(http, URI.create(base.replace("http", "ws") + "/api/v1/tasks/" + id + "/stream?from=0"), Duration.ofSeconds(5), text -> {
            Instant now = Instant.now();
            long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
            StreamMessage m = Json.read(text, StreamMessage.class);
            if (m instanceof StreamMessage.Chunk c) {
                c.data().lines().forEach(l -> ms.add((nowMicros - Long.parseLong(l.trim())) / 1000.0));
            } else if (m instanceof StreamMessage.End) {
                end.countDown();
            }
        }, w -> end.countDown());
        end.await(120, TimeUnit.SECONDS);
        List<Double> samples = ms.subList(Math.min(20, ms.size()), ms.size()); // skip the first lines (JIT warm-up)
        print("stream_latency_p50", pct(samples, 50), "ms");
        print("stream_latency_p99", pct(samples, 99), "ms");
    }

    /** N no-op tasks ({@code true} through /bin/sh on real workers, or instant workers), durable store, {@link #clients} concurrent submitters. */
    private void throughput(int n, String name) throws Exception { throughput(n, name, 1); }

    /** The same with {@code perRequest} tasks in each POST (a task list: created together, one commit). */
    private void throughput(int n, String name, int perRequest) throws Exception {
        int before = completed.get();
        long t0 = System.nanoTime();
        URI u = URI.create(base);
        String body = perRequest == 1 ? Json.write(TaskSpec.shell("true")) : Json.write(java.util.Collections.nCopies(perRequest, TaskSpec.shell("true")));
        Submitters.post(u.getHost(), u.getPort(), "/api/v1/tasks", body, n / perRequest, clients);
        waitFor(() -> completed.get() - before >= n, Duration.ofMinutes(4), n + " tasks to complete");
        double secs = (System.nanoTime() - t0) / 1e9;
        if (name != null) print(name, n / secs, "tasks/s");
    }

    /** kill -9 of the worker running a task → the task's attempt 2 is running elsewhere. */
    private void workerDeath(List<Process> workers) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            String id = submit(TaskSpec.shell("sleep 60"));
            waitFor(() -> runningAt.containsKey(id + "#1"), Duration.ofSeconds(30), "long task start");
            String workerId = Json.read(get("/api/v1/tasks/" + id), TaskView.class).workerId();
            Process victim = workers.get(Integer.parseInt(workerId.substring("bench-".length())) - 1);
            long t0 = System.nanoTime();
            victim.destroyForcibly();
            waitFor(() -> runningAt.containsKey(id + "#2"), Duration.ofSeconds(60), "re-run");
            ms.add((runningAt.get(id + "#2") - t0) / 1e6);
            post("/api/v1/tasks/" + id + "/cancel", "");
        }
        print("worker_death_to_restart", pct(ms, 50), "ms");
    }

    private Process spawnWorker(String id) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "worker", "--controller", base, "--id", id, "--slots", "4").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private List<?> workers() throws Exception { return Json.read(get("/api/v1/workers"), List.class); }

    private Submitters client; // one keep-alive connection for the one-at-a-time submits of the main thread

    private String submit(TaskSpec spec) throws Exception {
        byte[] body = Json.write(spec).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int tries = 0; ; tries++) {
            try {
                if (client == null) {
                    URI u = URI.create(base);
                    client = new Submitters(u.getHost(), u.getPort(), "/api/v1/tasks");
                }
                return Json.read(client.post(body), TaskView.class).id();
            } catch (java.io.IOException e) {
                client = null; // the server closed an idle connection: open a new one, once
                if (tries > 0) throw e;
            }
        }
    }

    private String post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private interface Check { boolean ok() throws Exception; }

    private static void waitFor(Check c, Duration limit, String what) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!c.ok()) {
            if (System.nanoTime() > end) throw new IllegalStateException("bench: gave up waiting for " + what);
            Thread.sleep(1);
        }
    }

    private static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    private static void print(String name, double value, String unit) {
        System.out.printf("BENCH %s %.2f %s%n", name, value, unit);
        System.out.flush();
    }
}
