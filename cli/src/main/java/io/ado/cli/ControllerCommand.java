package io.ado.cli;

import io.ado.cli.config.AdoConfig;
import io.ado.controller.Controller;
import io.ado.controller.ControllerSettings;
import io.ado.controller.spawner.WorkerSpawner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ado controller}: the controller alone (API on port 8080 by default, state under .ado/data). */
@Command(name = "controller", description = "Run the controller: HTTP API, WebSockets, durable store.")
public final class ControllerCommand implements Callable<Integer> {
    @Option(names = "--port", description = "port to listen on (default 8080; 0 picks a free one)") Integer port;
    @Option(names = "--host", description = "address to bind (default 127.0.0.1)") String host;
    @Option(names = "--insecure", description = "listen on a non-loopback address without an API token (warned at every start)") boolean insecure;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the store lives (default .ado/data)") Path dataDir;
    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        ControllerSettings cs = config.load().controller();
        if (insecure) cs = cs.withSecurity(cs.security().withInsecure(true));
        Controller c = start(cs, host, port, dataDir, null);
        System.out.println("ado controller listening on " + c.url());
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { c.close(); stop.countDown(); }));
        stop.await();
        return 0;
    }

    static Controller start(AdoConfig cfg, String host, Integer port, Path dataDir) throws Exception {
        return start(cfg.controller(), host, port, dataDir, null);
    }

    /** @param spawners the spawner for {@code scaling.spawner} from the controller's URL; null: the controller's own choice */
    static Controller start(ControllerSettings s, String host, Integer port, Path dataDir, Function<String, WorkerSpawner> spawners) throws Exception {
        s = new ControllerSettings(host != null ? host : s.host(), port != null ? port : s.port(), dataDir != null ? dataDir : s.dataDir(),
                s.maxBodyBytes(), s.defaultRetries(), s.registry(), s.health(), s.loadBalancer(), s.scaling(), s.store(), s.security(), s.apiToken());
        try {
            return Controller.start(s, null, spawners);
        } catch (IllegalStateException e) {
            // The store or the event bus cannot be reached: say which (never the password) and exit.
            throw new StartupFailed("the controller cannot start: " + e.getMessage());
        }
    }

    /** Printed as one line by {@link Main}, exit code 1. */
    static final class StartupFailed extends RuntimeException {
        StartupFailed(String message) { super(message); }
    }
}
