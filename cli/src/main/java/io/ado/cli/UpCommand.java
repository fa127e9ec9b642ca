package io.ado.cli;

import io.ado.controller.Controller;
import io.ado.controller.spawner.LocalWorkerSpawner;
import io.ado.controller.spawner.WorkerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ado up}: a local cluster in one command: the controller in this process and N worker
 * processes (logs in DATA/../logs). Ctrl-C stops them all.
 */
@Command(name = "up", description = "Start a controller and N local workers; Ctrl-C stops everything.")
public final class UpCommand implements Callable<Integer> {
    @Option(names = "--workers", paramLabel = "N", description = "local worker processes (default 2)") int workers = 2;
    @Option(names = "--slots", paramLabel = "N", description = "tasks each worker runs at once (default 4)") int slots = 4;
    @Option(names = "--port", description = "controller port (default 8080)") Integer port;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the store lives (default .ado/data)") Path dataDir;
    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (workers < 0 || workers > 64) throw new IllegalArgumentException("--workers: must be 0..64");
        Controller c = ControllerCommand.start(config.load(), null, port, dataDir);
        Path logs = (dataDir != null ? dataDir : Path.of(".ado", "data")).toAbsolutePath().getParent().resolve("logs");
        Files.createDirectories(logs);
        LocalWorkerSpawner spawner = new LocalWorkerSpawner(LocalWorkerSpawner.thisJvm(List.of("-Xss512k", "-XX:+UseSerialGC", "-Xmx256m"),
                Main.class.getName()), logs, Duration.ofSeconds(5));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            spawner.close(); // SIGTERM: they drain; SIGKILL after 5 s
            c.close();
            stop.countDown();
        }));
        List<String> extra = new ArrayList<>(List.of("--drain-timeout", "3s"));
        if (config.config != null) extra.addAll(List.of("--config", config.config.toString()));
        for (int i = 1; i <= workers; i++) spawner.spawn(WorkerSpec.of("worker-" + i, slots, c.url()).withExtraArgs(extra));
        System.out.println("ado up: controller on " + c.url() + ", " + workers + " workers (logs in " + logs + "); Ctrl-C stops all");
        System.out.flush();
        stop.await();
        return 0;
    }
}
