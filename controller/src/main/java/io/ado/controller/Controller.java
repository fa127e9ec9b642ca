package io.ado.controller;

import io.ado.controller.api.ControllerApi;
import io.ado.controller.state.EventBus;
import io.ado.controller.state.EventPublisher;
import io.ado.controller.state.RedisEventBus;
import io.ado.controller.state.WorkerStateCache;
import io.ado.controller.state.JdbcStateStore;
import io.ado.controller.state.StateStore;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.StartOptions;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A running controller: store, control plane process, health ticker and HTTP server. Built so
 * the control plane can later be started by a supervisor instead of here ({@link ControlPlane}
 * is an ordinary behaviour with its state rebuilt from the store in {@code init}).
 */
public final class Controller implements AutoCloseable {
    private final ControllerSettings settings;
    private final StateStore store;
    private final EventBus events;
    private final ProcessRuntime runtime;
    private final ProcessRef plane;
    private final Javalin app;
    private final Thread ticker;
    private volatile boolean running = true;

    private Controller(ControllerSettings settings, Map<String, Object> effectiveConfig, Clock clock) throws Exception {
        this.settings = settings;
        Backends b = settings.backends();
        this.events = b.isRedis() ? new RedisEventBus(b.redisUrl(), b.redisPrefix()) : new EventPublisher();
        this.store = openStore(settings, events, clock);
        this.runtime = ProcessRuntime.create("controller@" + settings.host(), clock);
        this.plane = runtime.start(new ControlPlane(settings, store, events, clock, new SplittableRandom()), null,
                StartOptions.named("control-plane").withInitTimeout(Duration.ofSeconds(60)));
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            cfg.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(4 * 1024 * 1024));
        });
        Map<String, Object> config = effectiveConfig != null ? effectiveConfig : settings.toConfigMap();
        new ControllerApi(runtime, plane, store, events, () -> config, clock.millis()).install(app);
        app.start(settings.host(), settings.port());
        long every = Math.clamp(Math.min(settings.health().heartbeatInterval().toMillis(), settings.health().reconnectWindow().toMillis()) / 4, 10, 1000);
        this.ticker = Thread.ofVirtual().name("health-ticker").start(() -> {
            while (running) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                runtime.cast(plane, new ControlPlane.Tick());
            }
        });
    }

    /**
     * PostgreSQL or the embedded H2 file; with Redis, worker-state reads go through the seed's
     * cache. A bad URL or credentials fails here, before the API listens.
     */
    private static StateStore openStore(ControllerSettings settings, EventBus events, Clock clock) throws java.io.IOException {
        Backends b = settings.backends();
        StateStore base = null;
        try {
            if (b.isPostgres()) {
                base = JdbcStateStore.of(b.postgresUrl(), b.postgresUser(), b.postgresPassword());
            } else {
                Files.createDirectories(settings.dataDir());
                base = JdbcStateStore.embedded(settings.dataDir());
            }
            return b.isRedis() ? new WorkerStateCache(base, events, clock, b.redisUrl(), b.redisPrefix()) : base;
        } catch (RuntimeException | java.io.IOException e) {
            if (base != null) base.close();
            events.close();
            throw e;
        }
    }

    public static Controller start(ControllerSettings settings) throws Exception { return new Controller(settings, null, Clock.systemUTC()); }

    public static Controller start(ControllerSettings settings, Map<String, Object> effectiveConfig) throws Exception {
        return new Controller(settings, effectiveConfig, Clock.systemUTC());
    }

    /** The port actually bound (useful with port 0). */
    public int port() { return app.port(); }

    public String url() { return "http://" + settings.host() + ":" + port(); }

    @Override
    public void close() {
        running = false;
        ticker.interrupt();
        app.stop();
        runtime.close();
        store.close();
        events.close();
    }
}
