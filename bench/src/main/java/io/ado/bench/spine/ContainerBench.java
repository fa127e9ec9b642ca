package io.ado.bench.spine;

import static io.ado.bench.spine.BenchClient.pct;
import static io.ado.bench.spine.BenchClient.print;
import static io.ado.bench.spine.BenchClient.waitFor;

import io.ado.client.TextWebSocket;
import io.ado.controller.spawner.WorkerSpec;
import io.ado.protocol.Event;
import io.ado.protocol.Json;
import io.ado.protocol.PullPolicy;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerView;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Container tasks beside shell tasks on the same 2 worker processes (4 slots each), one run
 * ({@code bench/run container}): start latency, POST sent → the first output line at this client
 * (over the task's stream), one task at a time; and tasks/s for {@code true}, submitted at once in
 * lists. The workers find the engine through {@code DOCKER_HOST}, which the suite sets to a Podman
 * service of its own with the {@code local/busybox} image. Prints {@code BENCH <name> <value> <unit>}.
 */
public final class ContainerBench {
    static final String IMAGE = "local/busybox";
    private final Semaphore ended = new Semaphore(0);
    private final AtomicInteger failed = new AtomicInteger();
    private BenchClient api;

    /** {@code [SAMPLES] [TASKS]}: latency samples per runtime (default 100), tasks per throughput phase (default 200). */
    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path jar = Path.of(System.getProperty("bench.jar", "cli/target/ado.jar"));
        new ContainerBench().run(jar, samples, tasks);
        System.exit(0);
    }

    private void run(Path jar, int samples, int tasks) throws Exception {
        Path data = Files.createTempDirectory("ado-bench-container");
        System.out.println("# container vs shell: 2 workers x 4 slots, engine " + System.getenv("DOCKER_HOST") + ", samples=" + samples + " tasks=" + tasks
                + " (logs in " + data + ")");
        try (ControllerUnderTest c = ControllerUnderTest.start(jar, data, BenchBackends.embedded())) {
            api = new BenchClient(c.url());
            TextWebSocket.connect(api.http, URI.create(api.base.replace("http", "ws") + "/api/v1/events"), Duration.ofSeconds(5), this::onEvent, w -> {});
            for (int i = 1; i <= 2; i++) c.workers.spawn(WorkerSpec.of("bench-" + i, 4, c.url()));
            waitFor(() -> containerWorkers() == 2, Duration.ofSeconds(60), "2 workers with the container capability");
            TaskSpec shell = TaskSpec.shell("echo first");
            TaskSpec container = TaskSpec.container("echo first", IMAGE).inContainer(IMAGE, null, null, PullPolicy.NEVER);
            startLatency("shell", shell, samples);
            startLatency("container", container, samples);
            throughput("shell", TaskSpec.shell("true"), tasks * 5);
            throughput("container", TaskSpec.container("true", IMAGE).inContainer(IMAGE, null, null, PullPolicy.NEVER), tasks);
            if (failed.get() > 0) System.out.println("# " + failed.get() + " tasks failed (see the worker logs)");
        }
    }

    private long containerWorkers() throws Exception {
        return List.of(Json.read(api.get("/api/v1/workers"), WorkerView[].class)).stream().filter(w -> w.capabilities().contains("container")).count();
    }

    private void onEvent(String text) {
        Event e = Json.read(text, Event.class);
        if (e.type().equals("task.completed")) ended.release();
        if (e.type().equals("task.failed")) {
            failed.incrementAndGet();
            ended.release();
        }
    }

    /** One task at a time: POST sent → the first chunk at this client; the next is submitted once this one has ended. */
    private void startLatency(String name, TaskSpec spec, int n) throws Exception {
        for (int i = 0; i < Math.max(5, n / 5); i++) firstLine(spec); // warm-up: JIT of the worker JVMs, the engine's caches
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) ms.add(firstLine(spec));
        print(name + "_submit_to_first_line_p50", pct(ms, 50), "ms");
        print(name + "_submit_to_first_line_p99", pct(ms, 99), "ms");
    }

    private double firstLine(TaskSpec spec) throws Exception {
        long t0 = System.nanoTime();
        String id = api.submit(spec);
        CompletableFuture<Long> first = new CompletableFuture<>();
        CompletableFuture<Void> end = new CompletableFuture<>();
        URI uri = URI.create(api.base.replace("http", "ws") + "/api/v1/tasks/" + id + "/stream?from=0");
        TextWebSocket ws = TextWebSocket.connect(api.http, uri, Duration.ofSeconds(5), text -> {
            StreamMessage m = Json.read(text, StreamMessage.class);
            if (m instanceof StreamMessage.Chunk) first.complete(System.nanoTime());
            else if (m instanceof StreamMessage.End e) {
                first.completeExceptionally(new IllegalStateException("task " + id + " ended with no output: " + e));
                end.complete(null);
            }
        }, why -> end.complete(null));
        long at = first.get(60, TimeUnit.SECONDS);
        end.get(60, TimeUnit.SECONDS);
        ws.close();
        ended.drainPermits();
        return (at - t0) / 1e6;
    }

    /** {@code n} tasks submitted at once (lists of up to 1,000), until all have ended. */
    private void throughput(String name, TaskSpec spec, int n) throws Exception {
        ended.drainPermits();
        long t0 = System.nanoTime();
        for (int sent = 0; sent < n; sent += 1000) api.post("/api/v1/tasks", Json.write(Collections.nCopies(Math.min(1000, n - sent), spec)));
        if (!ended.tryAcquire(n, 60 + n, TimeUnit.SECONDS)) throw new IllegalStateException("bench: " + name + ": not all " + n + " tasks ended");
        print(name + "_true_throughput_2_workers", n / ((System.nanoTime() - t0) / 1e9), "tasks/s");
    }
}
