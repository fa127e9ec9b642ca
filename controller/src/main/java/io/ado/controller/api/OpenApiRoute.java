package io.ado.controller.api;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the hand-written OpenAPI description of {@code /api/v1}, a
 * resource of this jar ({@code OpenApiRouteTest} fails when it and the routes disagree).
 */
final class OpenApiRoute {
    static final String PATH = "/api/openapi.json";
    static final String RESOURCE = "openapi.json";

    private OpenApiRoute() {}

    static void install(Javalin app) {
        byte[] doc = document();
        app.get(PATH, ctx -> ctx.contentType("application/json").result(doc));
    }

    static byte[] document() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " missing from the controller jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
