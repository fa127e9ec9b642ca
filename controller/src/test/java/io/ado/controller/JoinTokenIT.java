package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ado.controller.state.StoreSettings;
import io.ado.protocol.ErrorBody;
import io.ado.protocol.JoinTokenGrant;
import io.ado.protocol.Json;
import io.ado.protocol.WorkerStatus;
import io.ado.protocol.WorkerView;
import io.ado.worker.WorkerAgent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A controller with an API token and in-JVM workers that hold only a join token, as a spawned pod
 * does: a minted token lets its worker in (and back after a blip), a forged, used or foreign one
 * is refused and its worker never shows in {@code /workers}. No token is ever logged.
 */
class JoinTokenIT {
    static final String TOKEN = "test-token-0123456789";
    @TempDir Path dir;
    LocalCluster cluster;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger ado = (Logger) LoggerFactory.getLogger("io.ado");

    @BeforeEach
    void up() throws Exception {
        logs.start();
        ado.addAppender(logs);
        ado.setLevel(Level.DEBUG); // everything ado logs, to check no token is in it
        ado.setAdditive(false);
        cluster = new LocalCluster(dir, StoreSettings.EMBEDDED, TOKEN);
    }

    @AfterEach
    void down() {
        cluster.close();
        ado.detachAppender(logs);
        ado.setLevel(null);
        ado.setAdditive(true);
    }

    HttpResponse<String> mint(String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.controller.url() + "/api/v1/admin/tokens"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return cluster.api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JoinTokenGrant mint(String workerId) throws Exception {
        HttpResponse<String> r = mint("{\"workerId\":\"" + workerId + "\",\"ttl\":\"10m\"}", TOKEN);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        return Json.read(r.body(), JoinTokenGrant.class);
    }

    List<WorkerView> workers() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(cluster.controller.url() + "/api/v1/workers")).header("Authorization", "Bearer " + TOKEN).build();
        return List.of(Json.read(cluster.api.http.send(r, HttpResponse.BodyHandlers.ofString()).body(), WorkerView[].class));
    }

    List<String> workerIds() throws Exception { return workers().stream().map(WorkerView::id).toList(); }

    WorkerStatus status(String id) throws Exception {
        return workers().stream().filter(w -> w.id().equals(id)).map(WorkerView::status).findFirst().orElse(WorkerStatus.OFFLINE);
    }

    @Test
    void aMintedTokenLetsItsWorkerInAndBackAfterABlipWhileForgedUsedAndForeignOnesAreRefused() throws Exception {
        JoinTokenGrant grant = mint("pod-1");
        assertThat(grant.workerId()).isEqualTo("pod-1");
        WorkerAgent pod = cluster.startJoiningWorker("pod-1", null, grant.token()); // no API token, as in a pod
        assertThat(pod.awaitRegistered(Duration.ofSeconds(10))).isTrue();
        assertThat(workerIds()).containsExactly("pod-1");

        // a network blip: it comes back without a new token (its join token is used by now)
        cluster.faults(pod).partition(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> status("pod-1") == WorkerStatus.DISCONNECTED);
        cluster.faults(pod).partition(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> pod.isConnected() && status("pod-1") == WorkerStatus.IDLE);

        List<String> secrets = new ArrayList<>(List.of(grant.token()));
        String forged = "adojt_" + "x".repeat(32);
        JoinTokenGrant other = mint("pod-2");
        secrets.add(other.token());
        WorkerAgent forger = cluster.startJoiningWorker("pod-3", null, forged);
        WorkerAgent reuser = cluster.startJoiningWorker("pod-1b", null, grant.token());
        WorkerAgent thief = cluster.startJoiningWorker("pod-4", null, other.token());
        for (WorkerAgent refused : List.of(forger, reuser, thief)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> refused.left().isDone()); // refused for good, it leaves
            assertThat(refused.awaitRegistered(Duration.ZERO)).isFalse();
        }
        assertThat(forger.refusal()).isEqualTo("unknown join token");
        assertThat(reuser.refusal()).isEqualTo("the join token is bound to another worker id, not pod-1b");
        assertThat(thief.refusal()).isEqualTo("the join token is bound to another worker id, not pod-4");
        assertThat(workerIds()).containsExactly("pod-1");
        assertThat(pod.isConnected()).isTrue(); // the worker whose token was shown around is untouched

        WorkerAgent second = cluster.startJoiningWorker("pod-2", null, other.token()); // pod-2's token is still good for pod-2
        assertThat(second.awaitRegistered(Duration.ofSeconds(10))).isTrue();
        assertThat(workerIds()).containsExactly("pod-1", "pod-2");

        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            for (String s : secrets) assertThat(e.getFormattedMessage()).doesNotContain(s).doesNotContain(s.substring(6));
        }
    }

    @Test
    void aJoinTokenOpensOnlyTheWorkerSocketAndTheRouteNeedsTheApiToken() throws Exception {
        assertThat(mint("{\"workerId\":\"w1\"}", null).statusCode()).isEqualTo(401);
        JoinTokenGrant g = mint("w1");
        HttpRequest tasks = HttpRequest.newBuilder(URI.create(cluster.controller.url() + "/api/v1/tasks")).header("Authorization", "Bearer " + g.token()).build();
        assertThat(cluster.api.http.send(tasks, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        WorkerAgent nothing = cluster.startJoiningWorker("w0", null, null); // neither token: refused at the upgrade, as before
        assertThat(nothing.awaitRegistered(Duration.ofMillis(1000))).isFalse();
        assertThat(workerIds()).isEmpty();
    }

    @Test
    void badTokenRequestsAreRefusedWithAReason() throws Exception {
        record Case(String body, String message) {}
        for (Case c : List.of(
                new Case("", "request body is empty: expected {\"workerId\": \"...\", \"ttl\": \"1h\"}"),
                new Case("[]", "invalid token request: expected a JSON object"),
                new Case("{\"workerId\":7}", "workerId: required, a string"),
                new Case("{}", "workerId: required, a string"),
                new Case("{\"workerId\":\"a b\"}", "workerId: letters, digits, '.', '_', '-' (1 to 200, starting with a letter or digit), got 'a b'"),
                new Case("{\"workerId\":\"w1\",\"ttl\":3600}", "ttl: must be a string like 30m, 1h or 7d"),
                new Case("{\"workerId\":\"w1\",\"ttl\":\"soon\"}", "ttl: must be a duration like 30m, 1h or 7d, got 'soon'"),
                new Case("{\"workerId\":\"w1\",\"ttl\":\"90d\"}", "ttl: must be 1s to 30 days, got '90d'"),
                new Case("{\"workerId\":\"w1\",\"worker\":\"w2\"}", "unknown field 'worker': expected workerId and ttl"))) {
            HttpResponse<String> r = mint(c.body(), TOKEN);
            assertThat(r.statusCode()).as(c.body()).isEqualTo(400);
            assertThat(Json.read(r.body(), ErrorBody.class)).as(c.body()).isEqualTo(new ErrorBody("bad_request", c.message()));
        }
    }
}
