package io.ado.controller.api;

import io.ado.controller.plane.ApiException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API token: every {@code /api/*} and {@code /metrics} request and WebSocket upgrade must carry {@code Authorization: Bearer <token>}.
 * One exception: the worker socket also opens for {@code Bearer <join token>} (a spawned worker holds
 * no API token, only the join token minted for it). Join tokens live in the control plane's memory,
 * so this gate only knows one by its shape; the connection is marked join-only and the plane
 * checks the token at register ({@code join_refused} and a close if it is not good).
 *
 * <p>The dashboard's browser holds a session cookie instead ({@link DashboardSessions}): it
 * stands for the token on reads and sockets, but a request that changes something must also
 * carry the session's CSRF token in {@value #CSRF_HEADER} (403 without it), and a socket opened
 * with the cookie from a page of another origin is refused (cross-site WebSocket hijacking).
 */
final class ApiAuth {
    static final String WORKER_SOCKET = "/api/v1/workers/connect";
    static final String SESSION_COOKIE = "ado_session";
    static final String CSRF_HEADER = "X-Ado-Csrf";
    /** The bearer a cookie-authenticated request stands for, for {@link LeaderForwarder} to pass on. */
    static final String BEARER_ATTRIBUTE = "ado.bearer";
    private static final Pattern JOIN_TOKEN = Pattern.compile("Bearer adojt_[0-9a-z]{32}");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final byte[] expected;
    private final DashboardSessions sessions;

    ApiAuth(String apiToken) { this(apiToken, Clock.systemUTC()); }

    ApiAuth(String apiToken, Clock clock) {
        this.expected = ("Bearer " + apiToken).getBytes(StandardCharsets.UTF_8);
        this.sessions = new DashboardSessions(apiToken, clock);
    }

    DashboardSessions sessions() { return sessions; }

    void install(Javalin app) {
        app.before("/api/*", ctx -> authorize(ctx, false));
        app.before("/metrics", ctx -> authorize(ctx, false));
        app.wsBeforeUpgrade(ctx -> {
            if (ctx.path().equals(WORKER_SOCKET) && bearsJoinToken(ctx.header("Authorization"))) return; // the plane decides at register
            authorize(ctx, true);
        });
    }

    /** Whether an {@code Authorization} header is the API token; constant time. */
    boolean isApiToken(String header) {
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    /** Whether {@code token} (as typed into the login form) is the API token; constant time. */
    boolean isToken(String token) { return token != null && isApiToken("Bearer " + token); }

    /** A header shaped like {@code Bearer <join token>} and not the API token itself. */
    private boolean bearsJoinToken(String header) { return header != null && !isApiToken(header) && JOIN_TOKEN.matcher(header).matches(); }

    /** The presented value is never logged or echoed. */
    private void authorize(Context ctx, boolean socket) {
        if (isApiToken(ctx.header("Authorization"))) return;
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (ctx.header("Authorization") != null || sessions.csrf(cookie).isEmpty()) {
            throw new ApiException(401, "unauthorized", "missing or wrong API token: send Authorization: Bearer <token> (the CLI and workers use $ADO_TOKEN)");
        }
        if (socket && !sameOrigin(ctx)) throw new ApiException(403, "forbidden", "a session socket must be opened from the dashboard's own origin");
        if (!socket && !SAFE_METHODS.contains(ctx.method().name()) && !sessions.csrfMatches(cookie, ctx.header(CSRF_HEADER))) {
            throw new ApiException(403, "csrf", "missing or wrong " + CSRF_HEADER + " header: the dashboard sends its session's CSRF token with each change");
        }
        ctx.attribute(BEARER_ATTRIBUTE, new String(expected, StandardCharsets.UTF_8));
    }

    /** A browser always sends Origin on a WebSocket upgrade; it must name this server. */
    static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin == null || host == null) return false;
        try {
            return host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
