package io.ado.controller.spawner;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts {@code ado worker} processes on this machine and stops them: SIGTERM first (the worker
 * drains), SIGKILL once {@code grace} has passed. The launcher is the command that runs ado, e.g.
 * {@code java -cp <classpath> io.ado.cli.Main} ({@link #thisJvm}) or {@code java -jar ado.jar}; the
 * spawner appends {@code worker} and the spec's flags. Each worker's output goes to
 * {@code <logs>/<id>.log} ({@code logs == null}: discarded). Children inherit this process's
 * environment (so {@code ADO_TOKEN} reaches them).
 */
public final class LocalWorkerSpawner implements AutoCloseable {
    /** JVM options for worker processes: small heap and stacks, C1 only (a worker mostly waits on its tasks; it starts faster). */
    public static final List<String> WORKER_JVM = List.of("-Xss512k", "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1");

    private final List<String> launcher;
    private final Path logs;
    private final Duration grace;
    private final Map<String, SpawnedWorker> started = new LinkedHashMap<>();

    public LocalWorkerSpawner(List<String> launcher, Path logs, Duration grace) {
        if (launcher.isEmpty()) throw new IllegalArgumentException("launcher: must name a command");
        this.launcher = List.copyOf(launcher);
        this.logs = logs;
        this.grace = grace;
    }

    /** {@code java <jvmOptions> -cp <this JVM's classpath> <mainClass>}: ado from the code this process runs. */
    public static List<String> thisJvm(List<String> jvmOptions, String mainClass) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        return cmd;
    }

    /** Starts one worker; its id must not be one this spawner runs already. */
    public SpawnedWorker spawn(WorkerSpec spec) throws IOException { return spawn(spec, Map.of()); }

    /** As {@link #spawn(WorkerSpec)}, with {@code env} added to the inherited environment (secrets go here, never on the command line). */
    public synchronized SpawnedWorker spawn(WorkerSpec spec, Map<String, String> env) throws IOException {
        SpawnedWorker old = started.get(spec.id());
        if (old != null && old.isAlive()) throw new IllegalStateException("worker " + spec.id() + " is running already (pid " + old.pid() + ")");
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(spec.arguments());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = null;
        if (logs == null) {
            pb.redirectOutput(Redirect.DISCARD);
        } else {
            Files.createDirectories(logs);
            log = logs.resolve(spec.id() + ".log");
            pb.redirectOutput(log.toFile());
        }
        Process p = pb.start();
        SpawnedWorker w = new SpawnedWorker(spec.id(), p.pid(), log, p);
        started.put(spec.id(), w);
        return w;
    }

    /** The workers started here and still running, in start order. */
    public synchronized List<SpawnedWorker> list() {
        return started.values().stream().filter(SpawnedWorker::isAlive).toList();
    }

    /** SIGTERM, then SIGKILL after the grace period; returns once the process is gone. False: no such worker. */
    public boolean stop(String id) throws InterruptedException { return stop(id, grace); }

    /** As {@link #stop(String)} with its own grace period. */
    public boolean stop(String id, Duration grace) throws InterruptedException {
        SpawnedWorker w;
        synchronized (this) { w = started.remove(id); }
        if (w == null) return false;
        w.process().destroy();
        awaitOrKill(w.process().toHandle(), grace);
        return true;
    }

    /** SIGKILL at once, as a crashed machine would (benches and tests of failure detection). */
    public boolean kill(String id) {
        SpawnedWorker w;
        synchronized (this) { w = started.remove(id); }
        if (w == null) return false;
        w.process().destroyForcibly();
        return true;
    }

    /** Stops every worker: all get SIGTERM at once (they drain in parallel), then each gets the grace period. */
    @Override
    public void close() {
        List<SpawnedWorker> all;
        synchronized (this) {
            all = List.copyOf(started.values());
            started.clear();
        }
        all.forEach(w -> w.process().destroy());
        for (SpawnedWorker w : all) {
            try {
                awaitOrKill(w.process().toHandle(), grace);
            } catch (InterruptedException e) {
                w.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits up to {@code grace} for a process that was sent SIGTERM, then SIGKILLs it and waits for it to go. */
    static void awaitOrKill(ProcessHandle p, Duration grace) throws InterruptedException {
        try {
            p.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            p.destroyForcibly();
            try {
                p.onExit().get();
            } catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible);
            }
        } catch (ExecutionException impossible) { // onExit never completes exceptionally
            throw new IllegalStateException(impossible);
        }
    }
}
