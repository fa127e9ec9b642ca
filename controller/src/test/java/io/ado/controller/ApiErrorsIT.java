package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ado.client.TextWebSocket;
import io.ado.protocol.ErrorBody;
import io.ado.protocol.Event;
import io.ado.protocol.Json;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear 4xx with {error, message}, changes nothing, and the controller keeps serving. */
class ApiErrorsIT {
    @TempDir Path dir;
    LocalCluster cluster;

    @BeforeEach
    void up() throws Exception { cluster = new LocalCluster(dir); }

    @AfterEach
    void down() { cluster.close(); }

    private ErrorBody expect(TestApi.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return Json.read(r.body(), ErrorBody.class);
    }

    @Test
    void badRequestsAreRefusedClearly() throws Exception {
        TestApi api = cluster.api;
        assertThat(expect(api.post("/api/v1/tasks", "{not json"), 400).error()).isEqualTo("bad_request");
        assertThat(expect(api.post("/api/v1/tasks", "{\"command\":\"x\",\"bogus\":1}"), 400).message()).contains("bogus");
        assertThat(expect(api.post("/api/v1/tasks", "{\"command\":\"\"}"), 400).message()).contains("command");
        assertThat(expect(api.post("/api/v1/tasks", ""), 400).message()).contains("empty");
        assertThat(expect(api.post("/api/v1/tasks", "{\"command\":\"x\",\"timeoutMs\":\"5\"}"), 400).message()).contains("timeoutMs"); // not coerced
        assertThat(expect(api.post("/api/v1/tasks", "{\"command\":\"x\",\"retries\":1.5}"), 400).message()).contains("retries:");
        assertThat(expect(api.post("/api/v1/tasks", "{\"command\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 413).error()).isEqualTo("payload_too_large");
        assertThat(expect(api.get("/api/v1/tasks/nope"), 404).message()).contains("nope");
        assertThat(expect(api.get("/api/v1/tasks/nope/output"), 404).error()).isEqualTo("not_found");
        assertThat(expect(api.post("/api/v1/tasks/nope/cancel", ""), 404).error()).isEqualTo("not_found");
        assertThat(expect(api.get("/api/v1/workers/nope"), 404).error()).isEqualTo("not_found");
        assertThat(expect(api.post("/api/v1/workers/nope/drain", ""), 404).error()).isEqualTo("not_found");
        assertThat(expect(api.get("/api/v1/tasks?limit=abc"), 400).message()).contains("limit");
        assertThat(expect(api.get("/api/v1/nowhere"), 404).error()).isEqualTo("not_found");
        assertThat(api.get("/api/v1/tasks?all=true").body()).isEqualTo("[]"); // nothing was created

        cluster.addWorker("a", 1);
        String id = api.submit(TaskSpec.shell("true"));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.task(id).status() == TaskStatus.COMPLETED);
        assertThat(expect(api.post("/api/v1/tasks/" + id + "/cancel", ""), 409).message()).contains("already completed");
        assertThat(api.get("/api/v1/admin/status").body()).contains("\"status\":\"ok\"").contains("scalingAdvice").contains("ScaleUp[count=1, reason=below minWorkers 2]");
        assertThat(api.get("/api/v1/admin/config").body()).contains("reconnectWindow");
    }

    @Test
    void aBadScaleRequestIsRefusedAndLeavesTheFloorAlone() throws Exception {
        TestApi api = cluster.api;
        assertThat(expect(api.post("/api/v1/admin/scale", "{\"workers\":\"3\"}"), 400).message()).contains("workers"); // a string, not coerced
        assertThat(expect(api.post("/api/v1/admin/scale", "{\"workers\":2.5}"), 400).error()).isEqualTo("bad_request");
        assertThat(expect(api.post("/api/v1/admin/scale", "{\"workers\":-1}"), 400).message()).contains("0..50");
        assertThat(expect(api.post("/api/v1/admin/scale", "{\"workers\":51}"), 400).message()).contains("maxWorkers");
        assertThat(expect(api.post("/api/v1/admin/scale", "{\"workers\":1,\"extra\":true}"), 400).message()).contains("extra");
        assertThat(expect(api.post("/api/v1/admin/scale", "{nope"), 400).error()).isEqualTo("bad_request");
        assertThat(expect(api.post("/api/v1/admin/scale", ""), 400).message()).contains("empty");
        assertThat(api.get("/api/v1/admin/status").body()).contains("\"desiredFloor\":0");
        TestApi.Response ok = api.post("/api/v1/admin/scale", "{\"workers\":3}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"desiredFloor\":3}");
        assertThat(api.get("/api/v1/admin/status").body()).contains("\"desiredFloor\":3").contains("\"spawner\":\"none\"");
    }

    @Test
    void cancelStopsARunningTaskAndEventsAreStreamed() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        TextWebSocket.connect(cluster.api.http, URI.create(cluster.api.base.replace("http", "ws") + "/api/v1/events"), Duration.ofSeconds(5),
                t -> events.add(Json.read(t, Event.class)), why -> {});
        cluster.addWorker("a", 1);
        String id = cluster.api.submit(TaskSpec.shell("echo started; sleep 30"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.get("/api/v1/tasks/" + id + "/output").body().contains("started"));
        assertThat(cluster.api.post("/api/v1/tasks/" + id + "/cancel", "").status()).isEqualTo(200);
        assertThat(cluster.api.task(id).status()).isEqualTo(TaskStatus.CANCELLED);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.workers.get(0).heldAttempts().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().map(Event::type).toList()
                .containsAll(List.of("worker.registered", "task.created", "task.scheduled", "task.running", "task.cancelled")));
    }

    @Test
    void aTaskListIsCreatedWholeOrRefusedWhole() throws Exception {
        TestApi api = cluster.api;
        ErrorBody bad = expect(api.post("/api/v1/tasks", "[{\"command\":\"true\"},{\"command\":\"\"}]"), 400);
        assertThat(bad.message()).contains("[1]").contains("command");
        assertThat(expect(api.post("/api/v1/tasks", "[]"), 400).message()).contains("1 to 1000");
        assertThat(expect(api.post("/api/v1/tasks", "[{\"command\":\"true\"}, null]"), 400).message()).contains("[1]").contains("object");
        assertThat(expect(api.post("/api/v1/tasks", "[{\"command\":\"true\"}] {\"x\":1}"), 400).error()).isEqualTo("bad_request");
        assertThat(expect(api.post("/api/v1/tasks", "{\"command\":\"true\"} trailing"), 400).error()).isEqualTo("bad_request");
        assertThat(expect(api.post("/api/v1/tasks", "[{\"command\":\"true\"}"), 400).error()).isEqualTo("bad_request");
        String tooMany = "[" + String.join(",", Collections.nCopies(1001, "{\"command\":\"true\"}")) + "]";
        assertThat(expect(api.post("/api/v1/tasks", tooMany), 400).message()).contains("not 1001");
        assertThat(api.get("/api/v1/tasks?all=true").body()).isEqualTo("[]"); // none of them created anything

        TestApi.Response ok = api.post("/api/v1/tasks", "[{\"command\":\"echo a\"},{\"command\":\"echo b\",\"retries\":0},{\"command\":\"echo c\"}]");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        List<TaskView> created = Json.read(ok.body(), new TypeReference<List<TaskView>>() {});
        assertThat(created).extracting(t -> t.spec().command()).containsExactly("echo a", "echo b", "echo c");
        assertThat(created).extracting(TaskView::id).doesNotHaveDuplicates();
        assertThat(created.get(1).maxRetries()).isZero();
        cluster.addWorker("a", 2);
        for (var t : created) await().atMost(Duration.ofSeconds(20)).until(() -> api.task(t.id()).status() == TaskStatus.COMPLETED);
    }
}
