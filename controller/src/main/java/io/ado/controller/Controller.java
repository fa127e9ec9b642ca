package io.ado.controller;

import io.ado.controller.api.ControllerApi;
import io.ado.controller.lease.LeaderLease;
import io.ado.controller.metrics.ControllerMetrics;
import io.ado.controller.plane.ControlPlane;
import io.ado.controller.plane.WorkerPool;
import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.spawner.WorkerSpawner;
import io.ado.controller.state.EventBus;
import io.ado.controller.state.EventPublisher;
import io.ado.controller.state.JdbcLeaseTable;
import io.ado.controller.state.JdbcStateStore;
import io.ado.controller.state.RedisEventBus;
import io.ado.controller.state.StateStore;
import io.ado.controller.state.StoreSettings;
import io.ado.controller.state.WorkerStateCache;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.StartOptions;
import io.ado.runtime.supervisor.ChildSpec;
import io.ado.runtime.supervisor.RestartType;
import io.ado.runtime.supervisor.Strategy;
import io.ado.runtime.supervisor.Supervisor;
import io.ado.runtime.supervisor.SupervisorSpec;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running controller: store, event bus, HTTP server, and, while this replica leads, the
 * control plane process (which ticks itself on a runtime timer). With the embedded store this process is the
 * only replica and always leads. With PostgreSQL, replicas share the store and a
 * {@link LeaderLease}: the leader runs the control plane with every commit fenced by its lease
 * number; a standby serves reads from the store, streams over the event bus, and forwards
 * what needs the control plane to the leader. A new leader rebuilds everything from the store
 * in {@link ControlPlane#init}, as after a restart.
 */
public final class Controller implements AutoCloseable {
    static final String LEASE = "controller";
    private static final Logger log = LoggerFactory.getLogger(Controller.class);

    private final ControllerSettings settings;
    private final Clock clock;
    private final JdbcStateStore database;
    private final StateStore store;
    private final EventBus events;
    private final ProcessRuntime runtime;
    private final Javalin app;
    private final ControllerApi api;
    private final ControllerMetrics metrics;
    private final LeaderLease lease; // null with the embedded store
    private final ScheduledExecutorService watchdog;
    static final String PLANE = "control-plane";
    /** How often the spawner's inventory is read (orphans, re-adoption, the details of starting workers). */
    static final Duration INVENTORY_EVERY = Duration.ofSeconds(2);
    static final int PLANE_RESTARTS = 5;
    static final long PLANE_RESTART_WINDOW_MS = 30_000;
    private volatile ProcessRef plane; // null while a standby
    private volatile Supervisor supervisor; // while leading
    private volatile boolean everStarted;
    private volatile boolean running = true;
    private final SpawnerDriver spawner; // null when scaling.spawner is none

    private Controller(ControllerSettings settings, Map<String, Object> effectiveConfig, Clock clock, Function<String, WorkerSpawner> spawners)
            throws Exception {
        String refused = ProtectedMode.controllerRefusal(settings.host(), settings.apiToken(), settings.security().insecure());
        if (refused != null) throw new IllegalStateException(refused);
        if (!ProtectedMode.loopback(settings.host()) && settings.apiToken() == null) {
            log.warn("INSECURE: listening on {} without an API token (--insecure): anyone who reaches the port can run commands on every worker",
                    settings.host());
        }
        this.settings = settings;
        this.clock = clock;
        StoreSettings b = settings.store();
        this.events = b.isRedis() ? new RedisEventBus(b.redisUrl(), b.redisPrefix()) : new EventPublisher();
        this.database = openDatabase(settings, events);
        this.store = b.isRedis() ? new WorkerStateCache(database, events, clock, b.redisUrl(), b.redisPrefix()) : database;
        this.runtime = ProcessRuntime.create("controller@" + settings.host(), clock);
        ScalingSettings sc = settings.scaling();
        this.spawner = sc.spawns() ? new SpawnerDriver(runtime, () -> plane, sc.pool(), grace(sc), INVENTORY_EVERY) : null;
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            cfg.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(4 * 1024 * 1024));
        });
        Map<String, Object> config = effectiveConfig != null ? effectiveConfig : settings.toConfigMap();
        this.metrics = new ControllerMetrics(events);
        this.api = new ControllerApi(runtime, () -> plane, this::leaderUrl, store, events, () -> config, clock.millis(), settings.apiToken(), metrics);
        api.install(app);
        if (shared(settings)) {
            app.start(settings.host(), settings.port());
            String me = "ctl-" + UUID.randomUUID().toString().substring(0, 8);
            this.lease = new LeaderLease(new JdbcLeaseTable(database.dataSource(), LEASE), me, url(), clock, new LeaseListener());
            lease.start(); // the first round runs now: a lone replica leads before start() returns
        } else {
            this.lease = null;
            startPlane(); // before listening, as ever: the first request finds the control plane up
            app.start(settings.host(), settings.port());
        }
        if (spawner != null) spawner.attach(spawners != null ? spawners.apply(url()) : Spawners.standard(sc, url(), clock));
        // The plane ticks itself on a runtime timer; this only replaces a supervisor that gave up.
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("plane-watchdog").daemon().factory());
        long every = settings.plane().tickInterval().toMillis();
        watchdog.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
    }

    /** How long a terminated worker may drain before it is killed. */
    private static Duration grace(ScalingSettings sc) {
        return sc.spawner().equals("kubernetes") ? sc.kubernetes().deleteGrace() : sc.local().drainTimeout();
    }

    /** The database of {@code store.url} (PostgreSQL, or an H2 URL), else the embedded file store under the data directory. */
    private static JdbcStateStore openDatabase(ControllerSettings settings, EventBus events) throws IOException {
        StoreSettings st = settings.store();
        try {
            if (!st.isEmbedded()) return JdbcStateStore.of(st.url(), st.user(), st.password());
            Files.createDirectories(settings.dataDir());
            return JdbcStateStore.embedded(settings.dataDir());
        } catch (RuntimeException | IOException e) {
            events.close();
            throw e;
        }
    }

    /** A database other processes can open too: replicas may share it, so leadership goes by the lease. */
    private static boolean shared(ControllerSettings settings) { return settings.store().isPostgres(); }

    private final class LeaseListener implements LeaderLease.Listener {
        @Override
        public void elected(long fencing) {
            store.fence(LEASE, fencing);
            startPlane();
        }

        @Override
        public void deposed(String why) { stopPlane("deposed: " + why); }
    }

    private boolean leading() { return lease == null || lease.isLeader(); }

    /**
     * While this replica leads, the control plane runs under a one-for-one {@link Supervisor}:
     * a control plane that stops (a failed commit leaves memory ahead of the store) or crashes
     * is restarted from the store by it, at most {@link #PLANE_RESTARTS} times in
     * {@link #PLANE_RESTART_WINDOW_MS}; past that the supervisor gives up and {@link #watch()}
     * starts a fresh one on the next health tick (the store may be down: keep trying, slowly).
     */
    private synchronized void startPlane() {
        if (!running || !leading()) return;
        try {
            if (supervisor == null || !supervisor.isAlive()) {
                supervisor = Supervisor.start(runtime, SupervisorSpec.builder(Strategy.ONE_FOR_ONE)
                        .intensity(PLANE_RESTARTS, PLANE_RESTART_WINDOW_MS)
                        .listener(e -> log.info("control plane supervisor: {}", e))
                        .build());
            }
            // Built by hand for the init timeout: rebuilding a large state from the store can take longer than the default 5 s.
            supervisor.startChild(new ChildSpec(PLANE, (rt, extra) -> rt.start(newPlane(), null,
                    StartOptions.DEFAULT.linked().withInitTimeout(Duration.ofSeconds(60))),
                    RestartType.PERMANENT, ChildSpec.DEFAULT_SHUTDOWN, false, false, null));
        } catch (RuntimeException e) {
            // No child: drop the supervisor too, so the next health tick tries again from scratch.
            Supervisor sup = supervisor;
            supervisor = null;
            if (sup != null) runtime.kill(sup.ref());
            database.abandonBatches();
            if (lease == null && plane == null && !everStarted) throw e; // the first start of a lone controller: fail loudly
            log.error("control plane did not start (will retry while leading): {}", e.getMessage());
        }
    }

    /** Each (re)start: worker connections belong to the old plane, so they are closed and the workers register with the new one. */
    private ControlPlane newPlane() {
        api.closeWorkerLinks("control plane restarted");
        return new ControlPlane(settings.plane(), store, events, clock, new SplittableRandom(), ref -> {
            if (!runtime.isAlive(ref)) return; // an init that outlived its timeout was killed: not the plane
            plane = ref;
            everStarted = true;
        }, spawner != null ? spawner : WorkerPool.NONE).observedBy(metrics);
    }

    /** Deposed or restarting: the supervisor and the plane die at once, the uncommitted batch with them; fencing stops anything later. */
    private synchronized void stopPlane(String why) {
        Supervisor sup = supervisor;
        ProcessRef p = plane;
        supervisor = null;
        plane = null;
        if (sup != null) runtime.kill(sup.ref()); // first, so it cannot restart the plane
        if (p != null) runtime.kill(p);
        if (sup != null || p != null) database.abandonBatches(); // a killed plane cannot roll back its own batch
        metrics.planeStopped();
        api.closeWorkerLinks(why);
    }

    /** On shutdown: the supervisor stops the control plane, which commits the batch it has open and answers its callers. */
    private synchronized void stopPlaneGracefully(String why) {
        Supervisor sup = supervisor;
        if (sup != null && sup.isAlive()) {
            try {
                sup.stop();
            } catch (RuntimeException e) {
                log.warn("control plane did not stop in time; killing it: {}", e.getMessage());
            }
        }
        stopPlane(why);
    }

    /** While leading, a supervisor that gave up is replaced by a fresh one (the store may have been down for a while). */
    private void watch() {
        Supervisor sup = supervisor;
        if (!running || (sup != null && sup.isAlive()) || !leading()) return;
        try {
            synchronized (this) {
                if (supervisor == sup) {
                    if (sup != null) log.warn("control plane supervisor gave up; starting a new control plane from the store");
                    stopPlane("control plane restarted");
                    startPlane();
                }
            }
        } catch (RuntimeException e) { // a throw would end the scheduled task for good
            log.error("control plane watchdog: {}", e.getMessage(), e);
        }
    }

    /** The running control plane, for tests. */
    ProcessRef planeRef() { return plane; }

    ProcessRuntime runtime() { return runtime; }

    /** This replica's URL when it leads, else the leader's as last read from the lease (null if none). */
    private String leaderUrl() { return lease == null ? url() : lease.leaderUrl(); }

    public boolean isLeader() { return leading() && plane != null; }

    public static Controller start(ControllerSettings settings) throws Exception { return new Controller(settings, null, Clock.systemUTC(), null); }

    public static Controller start(ControllerSettings settings, Map<String, Object> effectiveConfig) throws Exception {
        return new Controller(settings, effectiveConfig, Clock.systemUTC(), null);
    }

    /**
     * With the spawner {@code scaling.spawner} names made by {@code spawners} from this
     * controller's URL (e.g. a local spawner that launches this very program's workers).
     */
    public static Controller start(ControllerSettings settings, Map<String, Object> effectiveConfig, Function<String, WorkerSpawner> spawners)
            throws Exception {
        return new Controller(settings, effectiveConfig, Clock.systemUTC(), spawners);
    }

    /** The port actually bound (useful with port 0). */
    public int port() { return app.port(); }

    public String url() { return "http://" + settings.host() + ":" + port(); }

    @Override
    public void close() {
        running = false;
        watchdog.shutdownNow();
        if (spawner != null) spawner.close(); // stops acting; the workers it spawned keep running (a restart re-adopts them)
        stopPlaneGracefully("controller shutting down");
        if (lease != null) lease.close(); // hands the lease over at once
        app.stop();
        runtime.close();
        metrics.close();
        store.close();
        events.close();
    }
}
