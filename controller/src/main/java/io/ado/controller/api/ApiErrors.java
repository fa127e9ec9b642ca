package io.ado.controller.api;

import static io.ado.controller.api.Responses.error;

import io.ado.controller.plane.ApiException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;

/** Turns every failure of a route, and every unknown route or method, into an {@code {error, message}} body. */
final class ApiErrors {
    private ApiErrors() {}

    static void install(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, "bad_request", e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), switch (e.getStatus()) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            default -> "http_" + e.getStatus();
        }, e.getStatus() == 404 ? "no route " + ctx.method() + " " + ctx.path() : e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal", e.toString()));
        app.error(404, ctx -> {
            if (!ctx.result().isEmpty() && ctx.result().startsWith("{")) return; // already our JSON
            error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
        });
        app.error(405, ctx -> error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
    }
}
