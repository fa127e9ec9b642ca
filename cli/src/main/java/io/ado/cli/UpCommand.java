package io.ado.cli;

import io.ado.controller.Controller;
import io.ado.controller.ControllerSettings;
import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.spawner.LocalProcessSpawner;
import io.ado.controller.spawner.LocalSpawnerSettings;
import io.ado.controller.spawner.LocalWorkerSpawner;
import io.ado.controller.spawner.WorkerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ado up}: a local cluster in one command: the controller in this process, N worker
 * processes started now, and (spawner {@code local}, the default here) the scaling manager
 * starting and retiring more {@code ado worker} processes as the load asks (the N count toward
 * {@code minWorkers}; only the spawned ones are ever retired). Logs in
 * DATA/../logs. Ctrl-C stops them all.
 */
@Command(name = "up", description = "Start a controller and N local workers (more on demand); Ctrl-C stops everything.")
public final class UpCommand implements Callable<Integer> {
    @Option(names = "--workers", paramLabel = "N", description = "local worker processes started at once (default 2)") int workers = 2;
    @Option(names = "--slots", paramLabel = "N", description = "tasks each worker runs at once (default 4)") int slots = 4;
    @Option(names = "--port", description = "controller port (default 8080)") Integer port;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the store lives (default .ado/data)") Path dataDir;
    @Option(names = "--spawner", paramLabel = "KIND", description = "who starts workers on demand: local (default here) or none; "
            + "scaling.spawner of the config applies when it names kubernetes") String spawner;
    @Option(names = "--insecure", description = "listen on a non-loopback address without an API token (warned at every start)") boolean insecure;
    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (workers < 0 || workers > 64) throw new IllegalArgumentException("--workers: must be 0..64");
        if (spawner != null && !spawner.equals("local") && !spawner.equals("none")) throw new IllegalArgumentException("--spawner: must be local or none");
        Path logs = (dataDir != null ? dataDir : Path.of(".ado", "data")).toAbsolutePath().getParent().resolve("logs");
        Files.createDirectories(logs);
        List<String> extra = new ArrayList<>(List.of("--drain-timeout", "3s"));
        if (config.config != null) extra.addAll(List.of("--config", config.config.toAbsolutePath().toString()));
        ControllerSettings settings = config.load().controller();
        if (insecure) settings = settings.withSecurity(settings.security().withInsecure(true));
        ScalingSettings sc = settings.scaling();
        String kind = spawner != null ? spawner : sc.spawns() ? sc.spawner() : "local";
        LocalSpawnerSettings local = sc.local();
        if (local.logs().equals(LocalSpawnerSettings.DEFAULTS.logs())) local = local.withLogs(logs);
        if (local.slots() == LocalSpawnerSettings.DEFAULTS.slots()) local = local.withSlots(slots);
        List<String> localArgs = new ArrayList<>(extra);
        localArgs.addAll(local.extraArgs());
        LocalSpawnerSettings spawned = local.withExtraArgs(localArgs);
        // The N workers started here count toward minWorkers: the scaling manager would not see them before they register.
        settings = settings.withScaling(sc.withSpawner(kind).withLocal(spawned).minus(workers));
        List<String> launcher = LocalWorkerSpawner.thisJvm(LocalWorkerSpawner.WORKER_JVM, Main.class.getName());
        AtomicReference<LocalProcessSpawner> elastic = new AtomicReference<>();
        Controller c = ControllerCommand.start(settings, null, port, dataDir, kind.equals("local") ? url -> {
            elastic.set(new LocalProcessSpawner(launcher, spawned, url, sc.pool()));
            return elastic.get();
        } : null);
        LocalWorkerSpawner fixed = new LocalWorkerSpawner(launcher, logs, Duration.ofSeconds(5));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fixed.close(); // SIGTERM: they drain; SIGKILL after 5 s
            c.close();
            if (elastic.get() != null) elastic.get().stopAll();
            stop.countDown();
        }));
        for (int i = 1; i <= workers; i++) fixed.spawn(WorkerSpec.of("worker-" + i, slots, c.url()).withExtraArgs(extra));
        System.out.println("ado up: controller on " + c.url() + ", " + workers + " workers, spawner " + kind + " (logs in " + logs + "); Ctrl-C stops all");
        System.out.flush();
        stop.await();
        return 0;
    }
}
