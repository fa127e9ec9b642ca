package io.ado.cli;

import io.ado.cli.config.AdoConfig;
import io.ado.cli.config.ConfigLoader;
import io.ado.controller.ProtectedMode;
import io.ado.worker.AgentDependencies;
import io.ado.worker.ContainerRuntime;
import io.ado.worker.OrphanSweeper;
import io.ado.worker.WorkerAgent;
import io.ado.worker.WorkerSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ado worker --controller URL}: a worker agent; SIGTERM drains it (running tasks finish, up to --drain-timeout).
 * Credentials come only from the environment, never from the command line (it shows in {@code ps}):
 * {@code ADO_TOKEN}, the API token, and/or {@code ADO_JOIN_TOKEN}, a join token minted for this worker id
 * ({@code ado admin token create --worker ID}, or by a spawner).
 */
@Command(name = "worker", description = "Run a worker that connects to the controller and runs tasks.")
public final class WorkerCommand implements Callable<Integer> {
    /** The join token's variable. */
    public static final String JOIN_TOKEN_ENV = "ADO_JOIN_TOKEN";

    @Option(names = "--id", description = "worker id (default: hostname-pid)") String id;
    @Option(names = "--slots", description = "tasks run at once (default 4)") int slots = 4;
    @Option(names = "--capability", paramLabel = "C", description = "extra capability (repeatable); shell and agent names are implied") List<String> capabilities = new ArrayList<>();
    @Option(names = "--access-mode", description = "api or subscription (subscription workers are preferred)") String accessMode = "api";
    @Option(names = "--provider", description = "agent provider this worker prefers, e.g. claude-code") String provider;
    @Option(names = "--drain-timeout", paramLabel = "D", description = "on SIGTERM, how long running tasks may finish (default 30s)") String drainTimeout = "30s";
    @Option(names = "--insecure", description = "connect to a non-loopback controller over plain HTTP without a token") boolean insecure;
    @Mixin ControllerOptions controller;
    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (!List.of("api", "subscription").contains(accessMode)) throw new IllegalArgumentException("--access-mode: must be api or subscription");
        Duration drain = ConfigLoader.parseDuration("--drain-timeout", "--drain-timeout", drainTimeout);
        String wid = id != null ? id : WorkerSettings.localHostname() + "-" + ProcessHandle.current().pid();
        AdoConfig cfg = config.load();
        boolean credential = System.getenv(ConfigLoader.TOKEN_ENV) != null || System.getenv(JOIN_TOKEN_ENV) != null;
        for (URI u : WorkerSettings.parseControllers(controller.url())) {
            String refused = ProtectedMode.workerRefusal(u, credential, insecure);
            if (refused != null) throw new IllegalArgumentException(refused);
        }
        WorkerSettings s = new WorkerSettings(WorkerSettings.parseControllers(controller.url()), wid, WorkerSettings.localHostname(), capabilities, slots, accessMode,
                provider, cfg.agents(), Duration.ofMillis(100), Duration.ofSeconds(2), drain, System.getenv(ConfigLoader.TOKEN_ENV),
                System.getenv(JOIN_TOKEN_ENV));
        // The container capability only when an engine answers now; the sweep then removes what a crashed run left behind.
        Optional<ContainerRuntime> container = ContainerRuntime.discover(cfg.container(), System.getenv(), wid);
        AgentDependencies deps = AgentDependencies.system(s);
        if (container.isPresent()) deps = deps.withRuntime(container.get());
        WorkerAgent agent = new WorkerAgent(s, deps).start();
        container.ifPresent(c -> new OrphanSweeper(c.client(), wid, agent::heldAttempts, Clock.systemUTC(), c.settings()).start());
        System.out.println("ado worker " + wid + " connecting to " + controller.url());
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.drain(drain);
            } catch (InterruptedException e) {
                agent.close();
            }
            stop.countDown();
        }));
        agent.left().thenRun(stop::countDown); // refused for good: nothing to wait for
        stop.await();
        if (agent.refusal() != null) {
            System.err.println("ado: the controller refuses worker " + wid + ": " + agent.refusal());
            return 1;
        }
        return 0;
    }
}
