package io.ado.controller.spawner;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The scaling manager's local spawner: {@code ado worker} processes on this machine, started by a
 * {@link LocalWorkerSpawner}. Each worker gets its join token in {@code ADO_JOIN_TOKEN}, its log
 * in {@code <logs>/<id>.log}, and a record {@code <logs>/<id>.worker} (pool, pid, the process's
 * start time), so a restarted controller finds the workers an earlier one started and can
 * re-adopt or stop them; the start time guards against a reused pid. Stopped with SIGTERM (the
 * worker drains), SIGKILL after the grace period.
 */
public final class LocalProcessSpawner implements WorkerSpawner {
    private static final String RECORD = ".worker";

    private final LocalWorkerSpawner processes;
    private final LocalSpawnerSettings settings;
    private final String controllerUrl;
    private final String pool;

    /** @param controllerUrl used when {@code settings.controllerUrl()} is null: the controller's own address */
    public LocalProcessSpawner(List<String> launcher, LocalSpawnerSettings settings, String controllerUrl, String pool) {
        this.settings = settings;
        this.controllerUrl = settings.controllerUrl() != null ? settings.controllerUrl() : controllerUrl;
        this.pool = pool;
        this.processes = new LocalWorkerSpawner(launcher, settings.logs(), settings.drainTimeout());
    }

    @Override
    public String kind() { return "local"; }

    @Override
    public void spawn(SpawnRequest r) throws SpawnException {
        WorkerSpec spec = new WorkerSpec(r.workerId(), settings.slots(), settings.capabilities(), controllerUrl, settings.extraArgs());
        try {
            SpawnedWorker w = processes.spawn(spec, Map.of("ADO_JOIN_TOKEN", r.joinToken()));
            Instant started = w.process().info().startInstant().orElse(Instant.now());
            Properties p = new Properties();
            p.setProperty("pool", r.pool());
            p.setProperty("pid", Long.toString(w.pid()));
            p.setProperty("started", started.toString());
            Path tmp = settings.logs().resolve(r.workerId() + RECORD + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) { p.store(out, "ado worker spawned by the local spawner"); }
            Files.move(tmp, record(r.workerId()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            throw new SpawnException("cannot start an ado worker process: " + e.getMessage(), e);
        }
    }

    @Override
    public void terminate(String workerId, Duration grace) throws SpawnException {
        try {
            if (!processes.stop(workerId, grace)) { // not started by this process: one an earlier controller started
                Optional<ProcessHandle> p = read(record(workerId)).flatMap(Recorded::live);
                if (p.isPresent()) {
                    p.get().destroy();
                    LocalWorkerSpawner.awaitOrKill(p.get(), grace);
                }
            }
            Files.deleteIfExists(record(workerId));
        } catch (IOException e) {
            throw new SpawnException("cannot stop worker " + workerId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpawnException("interrupted while stopping worker " + workerId, e);
        }
    }

    @Override
    public List<SpawnedInstance> list() throws SpawnException {
        List<SpawnedInstance> all = new ArrayList<>();
        if (!Files.isDirectory(settings.logs())) return all;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(settings.logs(), "*" + RECORD)) {
            for (Path f : dir) {
                Optional<Recorded> r = read(f);
                if (r.isEmpty() || !r.get().pool().equals(pool)) continue;
                String id = f.getFileName().toString().replace(RECORD, "");
                boolean alive = r.get().live().isPresent();
                all.add(new SpawnedInstance(id, r.get().started(), alive ? SpawnedInstance.Phase.RUNNING : SpawnedInstance.Phase.FAILED,
                        alive ? null : "the worker process exited; its log: " + settings.logs().resolve(id + ".log")));
            }
        } catch (IOException e) {
            throw new SpawnException("cannot read " + settings.logs() + ": " + e.getMessage(), e);
        }
        return all;
    }

    /** Stops every worker this process started (for {@code ado up}'s Ctrl-C). */
    public void stopAll() {
        for (SpawnedWorker w : processes.list()) {
            try {
                terminate(w.id(), settings.drainTimeout());
            } catch (SpawnException e) {
                w.process().destroyForcibly();
            }
        }
    }

    @Override
    public void close() {} // the workers keep running: a restarted controller re-adopts them

    private Path record(String workerId) { return settings.logs().resolve(workerId + RECORD); }

    /** What a record says; an unreadable or half-written one is skipped (the next spawn of that id rewrites it). */
    private static Optional<Recorded> read(Path f) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(f)) {
            p.load(in);
            return Optional.of(new Recorded(p.getProperty("pool"), Long.parseLong(p.getProperty("pid")), Instant.parse(p.getProperty("started"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private record Recorded(String pool, long pid, Instant started) {
        /** The process, if it is still the one recorded (same pid and start time, within a second). */
        Optional<ProcessHandle> live() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
                    .map(at -> Math.abs(Duration.between(at, started).toMillis()) < 1000).orElse(true));
        }
    }
}
