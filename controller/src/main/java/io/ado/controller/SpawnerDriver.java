package io.ado.controller;

import io.ado.controller.plane.ControlPlane;
import io.ado.controller.plane.Plan.PoolAction;
import io.ado.controller.plane.WorkerPool;
import io.ado.controller.spawner.SpawnRequest;
import io.ado.controller.spawner.SpawnedInstance;
import io.ado.controller.spawner.WorkerSpawner;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge between the control plane and a {@link WorkerSpawner}: carries out the plane's spawns
 * and terminations on virtual threads (a process start or a Kubernetes request may block; the
 * plane never waits), reports each result back as a cast, and reads the spawner's inventory every
 * {@code every} while this replica leads. Workers being terminated are left out of the inventory
 * it reports, so a slow drain is not taken for an orphan.
 */
final class SpawnerDriver implements WorkerPool, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpawnerDriver.class);

    private final ProcessRuntime runtime;
    private final Supplier<ProcessRef> plane;
    private final String pool;
    private final Duration grace;
    private final Duration every;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("spawner-inventory").daemon().factory());
    private final Set<String> terminating = ConcurrentHashMap.newKeySet();
    private volatile WorkerSpawner spawner; // attached once the controller knows its own URL

    SpawnerDriver(ProcessRuntime runtime, Supplier<ProcessRef> plane, String pool, Duration grace, Duration every) {
        this.runtime = runtime;
        this.plane = plane;
        this.pool = pool;
        this.grace = grace;
        this.every = every;
    }

    /** Starts acting and polling with {@code s}; the plane spawns nothing before the first inventory. */
    void attach(WorkerSpawner s) {
        this.spawner = s;
        poll.scheduleWithFixedDelay(this::inventory, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void act(PoolAction action) {
        WorkerSpawner s = spawner;
        if (s == null) return; // not attached: the plane cannot have seen an inventory, so this does not happen
        work.execute(() -> {
            switch (action) {
                case PoolAction.Spawn sp -> {
                    String error = null;
                    try {
                        s.spawn(new SpawnRequest(sp.workerId(), sp.joinToken(), pool));
                        log.info("spawned worker {} ({})", sp.workerId(), s.kind());
                    } catch (Exception e) {
                        error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                        log.warn("could not spawn worker {}: {}", sp.workerId(), error);
                    }
                    report(new ControlPlane.Spawned(sp.workerId(), sp.decision(), error));
                }
                case PoolAction.Terminate t -> {
                    if (!terminating.add(t.workerId())) return;
                    String error = null;
                    try {
                        s.terminate(t.workerId(), grace);
                        log.info("terminated worker {}: {}", t.workerId(), t.reason());
                    } catch (Exception e) {
                        error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                        log.warn("could not terminate worker {}: {}", t.workerId(), error);
                    } finally {
                        terminating.remove(t.workerId());
                    }
                    report(new ControlPlane.Terminated(t.workerId(), t.decision(), error));
                }
            }
        });
    }

    private void inventory() {
        WorkerSpawner s = spawner;
        if (s == null || plane.get() == null) return; // a standby reads nothing: only the leader acts on it
        try {
            List<SpawnedInstance> all = s.list().stream().filter(i -> !terminating.contains(i.workerId())).toList();
            report(new ControlPlane.Inventory(all, null));
        } catch (Exception e) { // a throw would end the scheduled task for good
            String why = s.kind() + " spawner: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            log.warn("cannot list workers: {}", why);
            report(new ControlPlane.Inventory(List.of(), why));
        }
    }

    private void report(Object msg) {
        ProcessRef p = plane.get();
        if (p != null && runtime.isAlive(p)) runtime.cast(p, msg);
    }

    @Override
    public void close() {
        poll.shutdownNow();
        work.shutdownNow();
        WorkerSpawner s = spawner;
        if (s != null) s.close();
    }
}
