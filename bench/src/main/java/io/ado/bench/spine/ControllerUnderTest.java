package io.ado.bench.spine;

import io.ado.controller.spawner.LocalWorkerSpawner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller and its worker processes under test, all started from one ado product jar
 * ({@code cli/target/ado.jar}, or an older build's jar for an A/B run): {@code ado controller
 * --port 0} in a JVM of its own, and {@code ado worker}s through a {@link LocalWorkerSpawner}
 * with the same jar. Only the bench client (this JVM) is the bench module's own code, so two jars
 * are compared by the same measuring code. Logs go to the run's data directory.
 */
final class ControllerUnderTest implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    /** Variables that would point the controller elsewhere than the run's store: only {@link BenchBackends} sets them. */
    private static final List<String> STORE_ENV = List.of("ADO_DISTRIBUTED_", "ADO_PG_", "ADO_REDIS_", "ADO_STORE_");

    private final Process process;
    private final String url;
    final LocalWorkerSpawner workers;

    private ControllerUnderTest(Process process, String url, LocalWorkerSpawner workers) {
        this.process = process;
        this.url = url;
        this.workers = workers;
    }

    static ControllerUnderTest start(Path jar, Path data, BenchBackends backends) throws Exception { return start(jar, data, backends, List.of()); }

    /** @param extraArgs more flags for {@code ado controller} (e.g. {@code --config FILE}) */
    static ControllerUnderTest start(Path jar, Path data, BenchBackends backends, List<String> extraArgs) throws Exception {
        if (!Files.isRegularFile(jar)) throw new IllegalArgumentException("--controller-jar: no such file: " + jar);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-cp", jar.toString(), "io.ado.cli.Main",
                "controller", "--port", "0", "--data-dir", data.resolve("store").toString()));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> STORE_ENV.stream().anyMatch(k::startsWith));
        env.putAll(backends.env());
        Process p = pb.start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Path log = data.resolve("controller.log");
        Thread.ofPlatform().daemon().name("controller-log").start(() -> copyLog(p, log, url));
        try {
            String u = url.get(60, TimeUnit.SECONDS);
            LocalWorkerSpawner spawner = new LocalWorkerSpawner(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-cp", jar.toString(), "io.ado.cli.Main"),
                    data.resolve("logs"), Duration.ofSeconds(5));
            return new ControllerUnderTest(p, u, spawner);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("bench: the controller from " + jar + " did not start (see " + log + "): " + e.getMessage(), e);
        }
    }

    /** Copies the controller's output to its log; the "listening on URL" line completes {@code url}. */
    private static void copyLog(Process p, Path log, CompletableFuture<String> url) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                Matcher m = LISTENING.matcher(line);
                if (!url.isDone() && m.find()) url.complete(m.group(1));
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IllegalStateException("its output ended before it listened"));
    }

    String url() { return url; }

    /** CPU time the controller process has used so far (all its threads, GC and JIT included). */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for the controller")).toNanos();
    }

    @Override
    public void close() throws InterruptedException {
        workers.close();
        List<ProcessHandle> spawned = process.descendants().toList(); // workers the controller's own spawner started
        process.destroy();
        spawned.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
