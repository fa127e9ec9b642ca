package io.ado.controller.api;

import static io.ado.controller.api.Responses.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ado.controller.plane.ApiException;
import io.ado.protocol.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web dashboard: {@code /} and its few static files from the jar (read once, served from
 * memory; no build step), and its login. With an API token the page asks for it once; a right
 * token gets an HttpOnly, SameSite=Strict session cookie ({@link DashboardSessions}, never the
 * token itself) and the CSRF token the page sends with its POSTs. Nothing here needs the control
 * plane, so a standby serves the page too (the API it calls forwards to the leader).
 */
final class DashboardRoutes {
    private static final Map<String, String> FILES = Map.of("app.js", "text/javascript", "app.css", "text/css");
    private final ApiAuth auth; // null: no token, the page is open as the API is
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    DashboardRoutes(ApiAuth auth) {
        this.auth = auth;
        files.put("index.html", resource("index.html"));
        FILES.keySet().forEach(f -> files.put(f, resource(f)));
    }

    void install(Javalin app) {
        app.get("/", ctx -> serve(ctx, "index.html", "text/html; charset=utf-8"));
        app.get("/dashboard/session", this::session); // before {file}: Javalin takes the first match
        app.get("/dashboard/{file}", ctx -> {
            String f = ctx.pathParam("file");
            if (!FILES.containsKey(f)) throw ApiException.notFound("dashboard file", f);
            serve(ctx, f, FILES.get(f) + "; charset=utf-8");
        });
        app.post("/dashboard/login", this::login);
        app.post("/dashboard/logout", ctx -> {
            ctx.header("Set-Cookie", cookie(ctx, "", 0));
            ctx.status(204);
        });
    }

    /** Whether the page must log in, and the CSRF token of the session it already holds. */
    private void session(Context ctx) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("authRequired", auth != null);
        String csrf = auth == null ? null : auth.sessions().csrf(ctx.cookie(ApiAuth.SESSION_COOKIE)).orElse(null);
        s.put("authenticated", auth == null || csrf != null);
        s.put("csrf", csrf);
        ctx.header("Cache-Control", "no-store");
        json(ctx, s);
    }

    private void login(Context ctx) {
        if (auth == null) throw ApiException.badRequest("no API token is configured: the dashboard is open, there is nothing to log in to");
        String origin = ctx.header("Origin");
        if (origin != null && !ApiAuth.sameOrigin(ctx)) throw new ApiException(403, "forbidden", "log in from the dashboard's own origin");
        if (!auth.isToken(loginToken(ctx.body()))) throw new ApiException(401, "unauthorized", "wrong API token");
        DashboardSessions.Session s = auth.sessions().issue();
        ctx.header("Set-Cookie", cookie(ctx, s.cookie(), DashboardSessions.TTL.toSeconds()));
        ctx.header("Cache-Control", "no-store");
        json(ctx, Map.of("csrf", s.csrf()));
    }

    /** The token of a body that is exactly {@code {"token": "<string>"}}; the parser's reason is not echoed, it could quote what was typed. */
    private static String loginToken(String body) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject() || node.size() != 1 || !node.path("token").isTextual()) {
            throw ApiException.badRequest("the body must be {\"token\": \"<API token>\"}, the token a string");
        }
        return node.get("token").textValue();
    }

    private static String cookie(Context ctx, String value, long maxAgeSeconds) {
        String secure = ctx.scheme().equals("https") ? "; Secure" : "";
        return ApiAuth.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict" + secure;
    }

    private void serve(Context ctx, String name, String contentType) {
        ctx.header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff");
        if (name.equals("index.html")) ctx.header("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:");
        ctx.contentType(contentType).result(files.get(name));
    }

    private static byte[] resource(String name) {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) throw new IllegalStateException("dashboard resource missing from the jar: " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
