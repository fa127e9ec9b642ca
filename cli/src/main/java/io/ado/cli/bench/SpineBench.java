package io.ado.cli.bench;

import io.ado.cli.Main;
import io.ado.controller.Controller;
import io.ado.controller.ControllerSettings;
import io.ado.protocol.Event;
import io.ado.protocol.Json;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskView;
import io.ado.client.TextWebSocket;
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
 * durable store (SQLite, or PostgreSQL + Redis) in this JVM, 4 local worker processes, a client over HTTP and WebSockets on
 * 127.0.0.1. Prints {@code BENCH <name> <value> <unit>} lines.
 */
public final class SpineBench {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Long> runningAt = new ConcurrentHashMap<>();
    /** When an instant worker had the assign of a task (its first): the moment the task starts. */
    private final Map<String, Long> assignedAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> runningAttempt = new ConcurrentHashMap<>();
    private final AtomicInteger completed = new AtomicInteger();
    private String base;

    private static final int WARM_UP = 400;
    /** One-at-a-time samples per latency figure: its p99 is the eleventh slowest. */
    private static final int SAMPLES = 1000;
    /** Concurrent HTTP submitters in the throughput phases. */
    private int clients = 64;
    /** {@code all}, or {@code controller}: only the instant-worker throughput phase. */
    private String only = "all";
    /** Tasks run through the instant workers before the controller phases are measured. */
    private int warmUp = 100_000;

    /** {@code [TASKS] [--store embedded|postgres] [--clients N] [--only all|controller] [--warm-up TASKS]}. */
    public static void main(String[] args) throws Exception {
        int tasks = 10_000;
        String store = "embedded";
        SpineBench bench = new SpineBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--store" -> store = args[++i];
                case "--clients" -> bench.clients = Integer.parseInt(args[++i]);
                case "--only" -> bench.only = args[++i];
                case "--warm-up" -> bench.warmUp = Integer.parseInt(args[++i]);
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
            try (InstantWorkers instant = new InstantWorkers(http, base, 16, 5, id -> assignedAt.putIfAbsent(id, System.nanoTime()))) {
                waitFor(() -> workers().size() == 16, Duration.ofSeconds(60), "16 instant workers to register");
                // Warm-up, not measured: on 2 cores the rate keeps climbing for ~80,000 tasks (JIT compilation
                // of the whole path, heap sizing): 1,500 tasks/s in the first 5,000, 2× to 4× that later. A
                // controller runs for days, so the steady state is the figure.
                for (int done = 0; done < warmUp; done += 5_000) throughput(5_000, Boolean.getBoolean("bench.trace") ? "# warm-up" : null);
                throughput(tasks, "controller_noop_throughput"); // the controller and its store alone: no process per task
                throughput(tasks, "controller_noop_throughput_lists_of_10", 10); // the same, ten tasks per POST
                submitToStart("controller_submit_to_start", false); // the same, one task at a time: the controller's and the protocol's share
            }
            if (only.equals("controller")) return;
            waitFor(() -> ((Number) Json.read(get("/api/v1/admin/status"), Map.class).get("workers")).intValue() == 0, Duration.ofSeconds(60),
                    "instant workers to leave");
            List<Process> workers = new ArrayList<>();
            for (int i = 1; i <= 4; i++) workers.add(spawnWorker("bench-" + i));
            try {
                waitFor(() -> workers().size() == 4, Duration.ofSeconds(60), "4 workers to register");
                submitToStart("submit_to_start", true);
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

    /**
     * Unloaded: one task at a time (the previous one has completed). {@code _to_start}: POST sent →
     * the task starts on its worker (see {@link #oneAtATime}); {@code _to_running_event}: POST sent →
     * the task.running event is back at this client (the worker's report, its commit and the event's hop added).
     */
    private void submitToStart(String name, boolean realWorkers) throws Exception {
        int before = completed.get();
        for (int i = 0; i < WARM_UP; i++) submit(TaskSpec.shell("true")); // JIT warm-up of the worker JVMs and the controller's paths
        waitFor(() -> completed.get() >= before + WARM_UP, Duration.ofSeconds(120), "warm-up"); // done before measuring: unloaded
        // The one-at-a-time path has code of its own (empty mailboxes, parked threads), compiled only
        // as it runs: after 400 such tasks p99 was 2-3 ms, after 4,000 about 1 ms. Real workers: 1,000
        // (each is a process; their JVMs warm up too).
        oneAtATime(realWorkers ? 1_000 : 4_000, realWorkers);
        Samples s = oneAtATime(SAMPLES, realWorkers);
        if (Boolean.getBoolean("bench.trace")) {
            StringBuilder b = new StringBuilder("# slowest (index@JVM uptime=ms): ");
            java.util.stream.IntStream.range(0, s.running.size()).boxed().sorted((x, y) -> Double.compare(s.running.get(y), s.running.get(x))).limit(10)
                    .forEach(i -> b.append(String.format("#%d@%dms=%.2f ", i, s.uptimes.get(i), s.running.get(i))));
            System.out.println(b);
        }
        print(name + "_p50", pct(s.started, 50), "ms");
        print(name + "_p99", pct(s.started, 99), "ms");
        name = name.replace("to_start", "to_running_event");
        print(name + "_p50", pct(s.running, 50), "ms");
        print(name + "_p99", pct(s.running, 99), "ms");
    }

    private record Samples(List<Double> started, List<Double> running, List<Long> uptimes) {}

    /**
     * Instant workers: "started" is when one had the assign (same JVM, same clock). Real workers:
     * the task is {@code date +%s%6N}, so it prints the wall-clock µs at which it started running on
     * its worker; compared with the submit's wall-clock time (one host, one clock), read back after
     * the run so the reads add no load to it.
     */
    private Samples oneAtATime(int n, boolean realWorkers) throws Exception {
        Samples s = new Samples(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        TaskSpec spec = TaskSpec.shell(realWorkers ? "date +%s%6N" : "true");
        Map<String, Long> submittedAtMicros = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int done = completed.get();
            long wall = wallMicros();
            long t0 = System.nanoTime();
            String id = submit(spec);
            waitFor(() -> runningAt.containsKey(id + "#1") && completed.get() > done, Duration.ofSeconds(30), "task start and end");
            s.running.add((runningAt.get(id + "#1") - t0) / 1e6);
            s.uptimes.add(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
            Long assigned = assignedAt.get(id);
            if (assigned != null) s.started.add((assigned - t0) / 1e6);
            if (realWorkers) submittedAtMicros.put(id, wall);
        }
        for (var e : submittedAtMicros.entrySet()) {
            var page = Json.read(get("/api/v1/tasks/" + e.getKey() + "/output?from=0"), io.ado.protocol.OutputPage.class);
            StreamMessage.Chunk first = page.chunks().getFirst();
            s.started.add((Long.parseLong(first.data().trim()) - e.getValue()) / 1000.0);
        }
        return s;
    }

    private static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /** The task prints its wall-clock time in µs on each line; the client compares on receipt. */
    private void streamLatency() throws Exception {
        String id = submit(TaskSpec.shell("for i in $(seq 1 300); do date +%s%6N; sleep 0.01; done"));
        List<Double> ms = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch end = new CountDownLatch(1);
        TextWebSocket.connect(http, URI.create(base.replace("http", "ws") + "/api/v1/tasks/" + id + "/stream?from=0"), Duration.ofSeconds(5), text -> {
            long nowMicros = wallMicros();
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
        long cpu0 = processCpuNanos();
        Map<Long, Long> clients0 = clientThreadsCpu();
        URI u = URI.create(base);
        String body = perRequest == 1 ? Json.write(TaskSpec.shell("true")) : Json.write(java.util.Collections.nCopies(perRequest, TaskSpec.shell("true")));
        long submitters = Submitters.post(u.getHost(), u.getPort(), "/api/v1/tasks", body, n / perRequest, clients);
        try {
            waitFor(() -> completed.get() - before >= n, Duration.ofSeconds(60 + n / 100), n + " tasks to complete"); // 100 tasks/s at the least
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (" + (completed.get() - before) + " seen complete; controller: " + get("/api/v1/admin/status") + ")");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu = processCpuNanos() - cpu0;
        long clientsCpu = submitters;
        for (var e : clientThreadsCpu().entrySet()) clientsCpu += e.getValue() - clients0.getOrDefault(e.getKey(), 0L);
        // A client thread that ended during the phase takes its CPU time with it: counted on the controller's side.
        if (name != null) {
            print(name, n / secs, "tasks/s");
            // CPU per task, split: this JVM's client side (submitters, the JDK HTTP/WebSocket client of
            // the event stream and of the instant workers, and main) and the rest, the controller: where the
            // time goes (not whether the run happened to wait). The instant workers' send threads are virtual and so
            // counted on the controller's side: its figure is an upper bound. Controller phases only:
            // in the real-worker phase the workers are other processes.
            if (name.startsWith("controller")) {
                print(name.replace("noop_throughput", "cpu_per_task"), (cpu - clientsCpu) / 1e3 / n, "us");
                print(name.replace("controller_noop_throughput", "bench_clients_cpu_per_task"), clientsCpu / 1e3 / n, "us");
            }
        }
    }

    /** CPU time so far of the live client-side platform threads, by thread id. */
    private static Map<Long, Long> clientThreadsCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().startsWith("HttpClient") && !t.getName().equals("main")) continue;
            long ns = mx.getThreadCpuTime(t.threadId());
            if (ns >= 0) cpu.put(t.threadId(), ns); // -1: it ended meanwhile
        }
        return cpu;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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

    /** A {@code BENCH} line; a name starting with {@code #} is a comment line (a traced figure, not one to compare). */
    private static void print(String name, double value, String unit) {
        System.out.printf(name.startsWith("#") ? "%s %.2f %s%n" : "BENCH %s %.2f %s%n", name, value, unit);
        System.out.flush();
    }
}
