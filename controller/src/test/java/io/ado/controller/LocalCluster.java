package io.ado.controller;

import io.ado.controller.health.HealthSettings;
import io.ado.controller.spawner.WorkerSpawner;
import io.ado.controller.state.StoreSettings;
import io.ado.worker.AgentDependencies;
import io.ado.worker.WorkerAgent;
import io.ado.worker.WorkerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A controller on an ephemeral port plus in-JVM workers, with fast health timings for tests. */
final class LocalCluster implements AutoCloseable {
    static final HealthSettings FAST = new HealthSettings(Duration.ofMillis(100), Duration.ofMillis(600), Duration.ofMillis(300),
            Duration.ofMillis(500), 90, 85);

    final Path dataDir;
    Controller controller;
    final List<WorkerAgent> workers = new ArrayList<>();
    private final Map<String, FaultyConnector> faults = new ConcurrentHashMap<>();
    TestApi api;

    final StoreSettings store;
    final String token;
    private final UnaryOperator<ControllerSettings> tune;
    private final Function<String, WorkerSpawner> spawners;

    LocalCluster(Path dataDir) throws Exception { this(dataDir, StoreSettings.EMBEDDED, null); }

    LocalCluster(Path dataDir, StoreSettings store) throws Exception { this(dataDir, store, null); }

    LocalCluster(Path dataDir, StoreSettings store, String token) throws Exception { this(dataDir, store, token, s -> s, null); }

    /** With settings changed by {@code tune} and the spawner {@code spawners} makes from the controller's URL. */
    LocalCluster(Path dataDir, UnaryOperator<ControllerSettings> tune, Function<String, WorkerSpawner> spawners) throws Exception {
        this(dataDir, StoreSettings.EMBEDDED, null, tune, spawners);
    }

    private LocalCluster(Path dataDir, StoreSettings store, String token, UnaryOperator<ControllerSettings> tune, Function<String, WorkerSpawner> spawners)
            throws Exception {
        this.dataDir = dataDir;
        this.store = store;
        this.token = token;
        this.tune = tune;
        this.spawners = spawners;
        start(0);
    }

    void start(int port) throws Exception {
        controller = Controller.start(tune.apply(ControllerSettings.defaults(dataDir).withHealth(FAST).withPort(port).withStore(store).withApiToken(token)),
                null, spawners);
        api = new TestApi(controller.url());
    }

    /** Stops the controller and starts a new one on the same port and data (workers reconnect). */
    void restartController() throws Exception {
        int port = controller.port();
        controller.close();
        start(port);
    }

    WorkerAgent addWorker(String id, int slots) throws Exception { return addWorker(id, slots, token); }

    WorkerAgent startWorker(String id, int slots, String workerToken) { return startWorker(id, slots, workerToken, Map.of()); }

    WorkerAgent startWorker(String id, int slots, String workerToken, Map<String, List<String>> agents) {
        return startWorker(id, slots, workerToken, null, agents);
    }

    /** A worker holding a join token ({@code ADO_JOIN_TOKEN}), and the API token too unless {@code workerToken} is null. */
    WorkerAgent startJoiningWorker(String id, String workerToken, String joinToken) { return startWorker(id, 1, workerToken, joinToken, Map.of()); }

    private WorkerAgent startWorker(String id, int slots, String workerToken, String joinToken, Map<String, List<String>> agents) {
        WorkerSettings s = WorkerSettings.of(URI.create(controller.url()), id, slots);
        s = new WorkerSettings(s.controllers(), id, s.hostname(), List.of(), slots, "api", null, agents, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(5), workerToken, joinToken);
        AgentDependencies system = AgentDependencies.system(s);
        FaultyConnector f = new FaultyConnector(system.connector());
        WorkerAgent w = new WorkerAgent(s, system.withConnector(f)).start();
        faults.put(id, f);
        workers.add(w);
        return w;
    }

    /** The network under worker {@code w}, to partition it or mute its heartbeats. */
    FaultyConnector faults(WorkerAgent w) { return faults.get(w.id()); }

    /** Simulates kill -9 of the worker: connection gone without a goodbye, its processes killed. */
    void crash(WorkerAgent w) {
        faults(w).cutForGood();
        w.close();
    }

    WorkerAgent addWorker(String id, int slots, String workerToken) throws Exception {
        WorkerAgent w = startWorker(id, slots, workerToken);
        if (!w.awaitRegistered(Duration.ofSeconds(10))) throw new AssertionError("worker " + id + " did not register");
        return w;
    }

    @Override
    public void close() {
        for (WorkerAgent w : workers) w.close();
        if (controller != null) controller.close();
    }
}
