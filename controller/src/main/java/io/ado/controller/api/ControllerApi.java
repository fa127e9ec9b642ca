package io.ado.controller.api;

import io.ado.controller.metrics.ControllerMetrics;
import io.ado.controller.plane.ApiException;
import io.ado.controller.state.EventBus;
import io.ado.controller.state.StateStore;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.javalin.Javalin;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Routes of {@code /api/v1}, assembled on Javalin: {@link TaskRoutes}, {@link AdminRoutes}, the
 * {@link WorkerSocket}, the {@link StreamSockets}, {@code /metrics}, {@code /api/openapi.json} and the {@link DashboardRoutes} at
 * {@code /}, behind {@link ApiAuth} when a token is set and
 * with {@link ApiErrors} for every failure. Reads go straight to the store (it is thread-safe);
 * anything that changes tasks or workers is a call to the control plane process through
 * {@link PlaneClient}, which answers a value or an {@link ApiException}.
 */
public final class ControllerApi {
    private final ApiAuth auth; // null: no token, every request is served
    private final TaskRoutes tasks;
    private final AdminRoutes admin;
    private final WorkerSocket workers;
    private final StreamSockets streams;
    private final ControllerMetrics metrics;
    private final DashboardRoutes dashboard;

    /**
     * @param plane the control plane while this replica leads, else null: then what needs it is
     *     forwarded to {@code leaderUrl} and worker connections are refused with the leader's URL
     */
    public ControllerApi(ProcessRuntime runtime, Supplier<ProcessRef> plane, Supplier<String> leaderUrl, StateStore store, EventBus events,
                         Supplier<Map<String, Object>> effectiveConfig, long startedAt, String apiToken, ControllerMetrics metrics) {
        PlaneClient client = new PlaneClient(runtime, plane, leaderUrl);
        this.auth = apiToken == null ? null : new ApiAuth(apiToken);
        this.metrics = metrics;
        this.tasks = new TaskRoutes(store, client, metrics::snapshot);
        this.admin = new AdminRoutes(client, effectiveConfig, startedAt);
        this.workers = new WorkerSocket(client, auth);
        this.streams = new StreamSockets(store, events);
        this.dashboard = new DashboardRoutes(auth);
    }

    public void install(Javalin app) {
        if (auth != null) auth.install(app);
        tasks.install(app);
        admin.install(app);
        workers.install(app);
        streams.install(app);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        OpenApiRoute.install(app);
        dashboard.install(app);
        ApiErrors.install(app);
    }

    /** Deposed (or the control plane restarted): every worker must reconnect, to whoever leads now. */
    public void closeWorkerLinks(String why) { workers.closeAll(why); }
}
