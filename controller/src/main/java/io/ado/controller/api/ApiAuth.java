package io.ado.controller.api;

import io.ado.controller.plane.ApiException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The API token: every {@code /api/*} request and WebSocket upgrade must carry {@code Authorization: Bearer <token>}. */
final class ApiAuth {
    private final byte[] expected;

    ApiAuth(String apiToken) { this.expected = ("Bearer " + apiToken).getBytes(StandardCharsets.UTF_8); }

    void install(Javalin app) {
        app.before("/api/*", this::authorize);
        app.wsBeforeUpgrade(this::authorize);
    }

    /** Constant-time comparison; the presented value is never logged or echoed. */
    private void authorize(Context ctx) {
        String h = ctx.header("Authorization");
        byte[] given = h == null ? new byte[0] : h.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            throw new ApiException(401, "unauthorized", "missing or wrong API token: send Authorization: Bearer <token> (the CLI and workers use $ADO_TOKEN)");
        }
    }
}
