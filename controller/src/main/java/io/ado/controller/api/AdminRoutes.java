package io.ado.controller.api;

import static io.ado.controller.api.Responses.json;

import io.ado.controller.plane.ApiException;
import io.ado.controller.plane.ControlPlane;
import io.ado.controller.plane.PlaneStatus;
import io.ado.protocol.WorkerView;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The fleet and the controller itself: {@code /api/v1/workers} (list, get, drain) and
 * {@code /api/v1/admin} (status, scale, effective config, join tokens). Everything but the config needs the leader's
 * control plane, so a standby forwards it.
 */
final class AdminRoutes {
    private final PlaneClient plane;
    private final Supplier<Map<String, Object>> effectiveConfig;
    private final long startedAt;

    AdminRoutes(PlaneClient plane, Supplier<Map<String, Object>> effectiveConfig, long startedAt) {
        this.plane = plane;
        this.effectiveConfig = effectiveConfig;
        this.startedAt = startedAt;
    }

    void install(Javalin app) {
        app.get("/api/v1/workers", ctx -> {
            if (!plane.forwarded(ctx)) json(ctx, workers());
        });
        app.get("/api/v1/workers/{id}", ctx -> {
            if (plane.forwarded(ctx)) return;
            String id = ctx.pathParam("id");
            json(ctx, workers().stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow(() -> ApiException.notFound("worker", id)));
        });
        app.post("/api/v1/workers/{id}/drain", ctx -> {
            if (!plane.forwarded(ctx)) json(ctx, plane.call(new ControlPlane.Drain(ctx.pathParam("id"))));
        });
        app.get("/api/v1/admin/status", ctx -> {
            if (plane.forwarded(ctx)) return;
            PlaneStatus counts = (PlaneStatus) plane.call(new ControlPlane.Status());
            json(ctx, AdminStatus.leader(System.currentTimeMillis() - startedAt, plane.leaderUrl(), counts));
        });
        app.post("/api/v1/admin/scale", ctx -> {
            if (plane.forwarded(ctx)) return;
            ScaleRequest r = ScaleRequest.parse(ctx.body());
            json(ctx, Map.of("desiredFloor", plane.call(new ControlPlane.Scale(r.workers()))));
        });
        app.get("/api/v1/admin/config", ctx -> json(ctx, effectiveConfig.get()));
        app.post("/api/v1/admin/tokens", ctx -> {
            if (plane.forwarded(ctx)) return;
            Object grant = plane.call(JoinTokenRequest.parse(ctx.body())); // a JoinTokenGrant: the token is shown this once
            ctx.status(201).header("Cache-Control", "no-store");
            json(ctx, grant);
        });
    }

    @SuppressWarnings("unchecked")
    private List<WorkerView> workers() { return (List<WorkerView>) plane.call(new ControlPlane.ListWorkers()); }
}
