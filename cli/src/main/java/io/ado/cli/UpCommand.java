package io.ado.cli;

import io.ado.controller.Controller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        List<Process> children = new ArrayList<>();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            children.forEach(Process::destroy); // SIGTERM: they drain
            for (Process p : children) {
                try {
                    if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }
            c.close();
            stop.countDown();
        }));
        for (int i = 1; i <= workers; i++) children.add(spawnWorker(c.url(), "worker-" + i, logs));
        System.out.println("ado up: controller on " + c.url() + ", " + workers + " workers (logs in " + logs + "); Ctrl-C stops all");
        System.out.flush();
        stop.await();
        return 0;
    }

    private Process spawnWorker(String url, String id, Path logs) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xss512k", "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "worker", "--controller", url, "--id", id, "--slots", Integer.toString(slots), "--drain-timeout", "3s"));
        if (config.config != null) cmd.addAll(List.of("--config", config.config.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logs.resolve(id + ".log").toFile()).start();
    }
}
