package io.ado.controller.api;

import io.ado.controller.plane.ApiException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * The API token: every {@code /api/*} and {@code /metrics} request and WebSocket upgrade must carry {@code Authorization: Bearer <token>}.
 * One exception: the worker socket also opens for {@code Bearer <join token>} (a spawned worker holds
 * no API token, only the join token minted for it). Join tokens live in the control plane's memory,
 * so this gate only knows one by its shape; the connection is marked join-only and the plane
 * checks the token at register ({@code join_refused} and a close if it is not good).
 */
final class ApiAuth {
    static final String WORKER_SOCKET = "/api/v1/workers/connect";
    private static final Pattern JOIN_TOKEN = Pattern.compile("Bearer adojt_[0-9a-z]{32}");

    private final byte[] expected;

    ApiAuth(String apiToken) { this.expected = ("Bearer " + apiToken).getBytes(StandardCharsets.UTF_8); }

    void install(Javalin app) {
        app.before("/api/*", this::authorize);
        app.before("/metrics", this::authorize);
        app.wsBeforeUpgrade(ctx -> {
            if (ctx.path().equals(WORKER_SOCKET) && bearsJoinToken(ctx.header("Authorization"))) return; // the plane decides at register
            authorize(ctx);
        });
    }

    /** Whether an {@code Authorization} header is the API token; constant time. */
    boolean isApiToken(String header) {
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    /** A header shaped like {@code Bearer <join token>} and not the API token itself. */
    private boolean bearsJoinToken(String header) { return header != null && !isApiToken(header) && JOIN_TOKEN.matcher(header).matches(); }

    /** The presented value is never logged or echoed. */
    private void authorize(Context ctx) {
        if (!isApiToken(ctx.header("Authorization"))) {
            throw new ApiException(401, "unauthorized", "missing or wrong API token: send Authorization: Bearer <token> (the CLI and workers use $ADO_TOKEN)");
        }
    }
}
