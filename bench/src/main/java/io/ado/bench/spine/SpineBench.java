package io.ado.bench.spine;

import static io.ado.bench.spine.BenchClient.pct;
import static io.ado.bench.spine.BenchClient.print;
import static io.ado.bench.spine.BenchClient.waitFor;

import io.ado.client.TextWebSocket;
import io.ado.controller.spawner.LocalWorkerSpawner;
import io.ado.controller.spawner.WorkerSpec;
import io.ado.protocol.Event;
import io.ado.protocol.Json;
import io.ado.protocol.OutputPage;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskView;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * End-to-end benchmark of the spine (run by {@code bench/run spine}): a controller with its durable
 * store (SQLite, or PostgreSQL + Redis) and 4 local worker processes, all from the product jar under
 * test ({@link ControllerUnderTest}), and this JVM's client over HTTP and WebSockets on 127.0.0.1.
 * Prints {@code BENCH <name> <value> <unit>} lines.
 */
public final class SpineBench {
    private final Map<String, Long> runningAt = new ConcurrentHashMap<>();
    /** When an instant worker had the assign of a task (its first): the moment the task starts. */
    private final Map<String, Long> assignedAt = new ConcurrentHashMap<>();
    private final AtomicInteger completed = new AtomicInteger();
    private BenchClient api;
    private ControllerUnderTest controller;

    private static final int WARM_UP = 400;
    /** One-at-a-time samples per latency figure: its p99 is the eleventh slowest. */
    private static final int SAMPLES = 1000;
    /** Concurrent HTTP submitters in the throughput phases. */
    private int clients = 64;
    /** {@code all}, or {@code controller}: only the instant-worker throughput phase. */
    private String only = "all";
    /** Tasks run through the instant workers before the controller phases are measured. */
    private int warmUp = 100_000;
    /** The product jar whose controller and workers are measured. */
    private Path jar = Path.of("cli", "target", "ado.jar");

    /** {@code [TASKS] [--store embedded|postgres] [--clients N] [--only all|controller] [--warm-up TASKS] [--controller-jar JAR]}. */
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
                case "--controller-jar" -> bench.jar = Path.of(args[++i]);
                default -> tasks = Integer.parseInt(args[i]);
            }
        }
        if (!store.equals("embedded") && !store.equals("postgres")) throw new IllegalArgumentException("--store: embedded or postgres");
        BenchBackends backends = store.equals("postgres") ? BenchBackends.postgres() : BenchBackends.embedded();
        try (backends) {
            bench.run(tasks, backends);
        }
        System.exit(0);
    }

    private void run(int tasks, BenchBackends backends) throws Exception {
        Path data = Files.createTempDirectory("ado-bench");
        System.out.println("# store=" + backends.state() + " events=" + backends.events() + " tasks=" + tasks + " clients=" + clients
                + " controller-jar=" + jar + " (logs in " + data + ")");
        try (ControllerUnderTest c = ControllerUnderTest.start(jar, data, backends)) {
            controller = c;
            api = new BenchClient(c.url());
            TextWebSocket.connect(api.http, URI.create(api.base.replace("http", "ws") + "/api/v1/events"), Duration.ofSeconds(5), this::onEvent, w -> {});
            try (InstantWorkers instant = new InstantWorkers(api.http, api.base, 16, 5, id -> assignedAt.putIfAbsent(id, System.nanoTime()))) {
                waitFor(() -> api.workers().size() == 16, Duration.ofSeconds(60), "16 instant workers to register");
                // Warm-up, not measured: on 2 cores the rate keeps climbing for ~80,000 tasks (JIT compilation
                // of the whole path, heap sizing): 1,500 tasks/s in the first 5,000, 2× to 4× that later. A
                // controller runs for days, so the steady state is the figure.
                for (int done = 0; done < warmUp; done += 5_000) throughput(5_000, Boolean.getBoolean("bench.trace") ? "# warm-up" : null);
                throughput(tasks, "controller_noop_throughput"); // the controller and its store alone: no process per task
                throughput(tasks, "controller_noop_throughput_lists_of_10", 10); // the same, ten tasks per POST
                submitToStart("controller_submit_to_start", false); // the same, one task at a time: the controller's and the protocol's share
            }
            if (only.equals("controller")) return;
            waitFor(() -> ((Number) Json.read(api.get("/api/v1/admin/status"), Map.class).get("workers")).intValue() == 0, Duration.ofSeconds(60),
                    "instant workers to leave");
            for (int i = 1; i <= 4; i++) c.workers.spawn(WorkerSpec.of("bench-" + i, 4, c.url()));
            waitFor(() -> api.workers().size() == 4, Duration.ofSeconds(60), "4 workers to register");
            submitToStart("submit_to_start", true);
            streamLatency();
            throughput(tasks, "noop_throughput");
            workerDeath(c.workers);
        }
    }

    private void onEvent(String text) {
        long now = System.nanoTime();
        Event e = Json.read(text, Event.class);
        if (e.type().equals("task.running")) {
            runningAt.putIfAbsent(e.data().get("taskId") + "#" + e.data().get("attempt"), now);
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
        for (int i = 0; i < WARM_UP; i++) api.submit(TaskSpec.shell("true")); // JIT warm-up of the worker JVMs and the controller's paths
        waitFor(() -> completed.get() >= before + WARM_UP, Duration.ofSeconds(120), "warm-up"); // done before measuring: unloaded
        // The one-at-a-time path has code of its own (empty mailboxes, parked threads), compiled only
        // as it runs: after 400 such tasks p99 was 2-3 ms, after 4,000 about 1 ms. Real workers: 1,000
        // (each is a process; their JVMs warm up too).
        oneAtATime(realWorkers ? 1_000 : 4_000, realWorkers);
        Samples s = oneAtATime(SAMPLES, realWorkers);
        if (Boolean.getBoolean("bench.trace")) {
            StringBuilder b = new StringBuilder("# slowest (index@JVM uptime=ms): ");
            IntStream.range(0, s.running.size()).boxed().sorted((x, y) -> Double.compare(s.running.get(y), s.running.get(x))).limit(10)
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
        Map<String, Long> submittedAtMicros = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int done = completed.get();
            long wall = wallMicros();
            long t0 = System.nanoTime();
            String id = api.submit(spec);
            waitFor(() -> runningAt.containsKey(id + "#1") && completed.get() > done, Duration.ofSeconds(30), "task start and end");
            s.running.add((runningAt.get(id + "#1") - t0) / 1e6);
            s.uptimes.add(ManagementFactory.getRuntimeMXBean().getUptime());
            Long assigned = assignedAt.get(id);
            if (assigned != null) s.started.add((assigned - t0) / 1e6);
            if (realWorkers) submittedAtMicros.put(id, wall);
        }
        for (var e : submittedAtMicros.entrySet()) {
            var page = Json.read(api.get("/api/v1/tasks/" + e.getKey() + "/output?from=0"), OutputPage.class);
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
        String id = api.submit(TaskSpec.shell("for i in $(seq 1 300); do date +%s%6N; sleep 0.01; done"));
        List<Double> ms = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch end = new CountDownLatch(1);
        URI uri = URI.create(api.base.replace("http", "ws") + "/api/v1/tasks/" + id + "/stream?from=0");
        TextWebSocket.connect(api.http, uri, Duration.ofSeconds(5), text -> {
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

    /**
     * The same with {@code perRequest} tasks in each POST (a task list: created together, one commit).
     * CPU per task, split: the controller's process (all of it: its threads, GC, JIT), and this JVM
     * (the submitters, the JDK HTTP/WebSocket client of the event stream, the instant workers). Where
     * the time goes, not whether the run happened to wait. Controller phases only: in the real-worker
     * phase the workers are other processes.
     */
    private void throughput(int n, String name, int perRequest) throws Exception {
        int before = completed.get();
        long t0 = System.nanoTime();
        long controllerCpu0 = controller.cpuNanos();
        long benchCpu0 = benchCpuNanos();
        URI u = URI.create(api.base);
        String body = perRequest == 1 ? Json.write(TaskSpec.shell("true")) : Json.write(Collections.nCopies(perRequest, TaskSpec.shell("true")));
        Submitters.post(u.getHost(), u.getPort(), "/api/v1/tasks", body, n / perRequest, clients);
        try {
            waitFor(() -> completed.get() - before >= n, Duration.ofSeconds(60 + n / 100), n + " tasks to complete"); // 100 tasks/s at the least
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (" + (completed.get() - before) + " seen complete; controller: "
                    + api.get("/api/v1/admin/status") + ")");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long controllerCpu = controller.cpuNanos() - controllerCpu0;
        long benchCpu = benchCpuNanos() - benchCpu0;
        if (name == null) return;
        print(name, n / secs, "tasks/s");
        if (name.startsWith("controller")) {
            print(name.replace("noop_throughput", "cpu_per_task"), controllerCpu / 1e3 / n, "us");
            print(name.replace("controller_noop_throughput", "bench_clients_cpu_per_task"), benchCpu / 1e3 / n, "us");
        }
    }

    private static long benchCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** kill -9 of the worker running a task → the task's attempt 2 is running elsewhere. */
    private void workerDeath(LocalWorkerSpawner workers) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            String id = api.submit(TaskSpec.shell("sleep 60"));
            waitFor(() -> runningAt.containsKey(id + "#1"), Duration.ofSeconds(30), "long task start");
            String workerId = Json.read(api.get("/api/v1/tasks/" + id), TaskView.class).workerId();
            long t0 = System.nanoTime();
            workers.kill(workerId);
            waitFor(() -> runningAt.containsKey(id + "#2"), Duration.ofSeconds(60), "re-run");
            ms.add((runningAt.get(id + "#2") - t0) / 1e6);
            api.post("/api/v1/tasks/" + id + "/cancel", "");
        }
        print("worker_death_to_restart", pct(ms, 50), "ms");
    }
}
