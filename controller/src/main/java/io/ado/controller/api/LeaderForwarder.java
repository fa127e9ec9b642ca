package io.ado.controller.api;

import io.ado.controller.plane.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A standby's answer to a request only the leader's control plane can serve (submit, cancel,
 * drain, live worker list, status): the same request, sent on to the leader, its answer passed
 * back unchanged. One hop only: a forwarded request that lands on another standby (a takeover
 * in progress) gets 503 instead of bouncing.
 */
final class LeaderForwarder {
    static final String HEADER = "X-Ado-Forwarded-By";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    void forward(Context ctx, String leaderUrl) throws InterruptedException {
        if (leaderUrl == null) throw unavailable("no controller replica leads right now (a takeover takes up to a few seconds); retry");
        if (ctx.header(HEADER) != null) throw unavailable("this replica is not the leader either (a takeover is in progress); retry");
        String query = ctx.queryString();
        URI uri = URI.create(leaderUrl + ctx.path() + (query == null ? "" : "?" + query));
        String body = ctx.body();
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).header(HEADER, "standby")
                .header("content-type", "application/json")
                .method(ctx.method().name(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        String auth = ctx.header("Authorization"); // replicas share one token: pass the caller's on, never log it
        if (auth == null) auth = ctx.attribute(ApiAuth.BEARER_ATTRIBUTE); // a dashboard session stands for it
        if (auth != null) req.header("Authorization", auth);
        try {
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            ctx.status(res.statusCode()).contentType("application/json").result(res.body());
        } catch (IOException e) {
            throw unavailable("the leader at " + leaderUrl + " did not answer (" + e.getClass().getSimpleName() + "); retry");
        }
    }

    private static ApiException unavailable(String message) { return new ApiException(503, "no_leader", message); }
}
