package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.client.TextWebSocket;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Json;
import io.ado.protocol.Protocol;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerStatus;
import io.ado.worker.WorkerAgent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Draining (API and the worker's SIGTERM path) and the worker socket's refusals. */
class DrainIT {
    @TempDir Path dir;
    LocalCluster cluster;

    @BeforeEach
    void up() throws Exception { cluster = new LocalCluster(dir); }

    @AfterEach
    void down() { cluster.close(); }

    @Test
    void drainedWorkerFinishesItsTaskAndGetsNoNewOnes() throws Exception {
        WorkerAgent a = cluster.addWorker("a", 2);
        String running = cluster.api.submit(TaskSpec.shell("sleep 0.5; echo finished"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(running).status() == TaskStatus.RUNNING);
        assertThat(cluster.api.post("/api/v1/workers/a/drain", "").body()).contains("\"status\":\"draining\"");
        String queued = cluster.api.submit(TaskSpec.shell("echo later"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(running).status() == TaskStatus.COMPLETED);
        assertThat(cluster.api.task(queued).status()).isEqualTo(TaskStatus.PENDING);
        cluster.addWorker("b", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(queued).status() == TaskStatus.COMPLETED);
        assertThat(cluster.api.task(queued).workerId()).isEqualTo("b");
        assertThat(a.heldAttempts()).isEmpty();
    }

    @Test
    void sigtermPathLetsRunningWorkFinishBeforeLeaving() throws Exception {
        WorkerAgent a = cluster.addWorker("a", 1);
        String id = cluster.api.submit(TaskSpec.shell("sleep 0.5; echo done"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(id).status() == TaskStatus.RUNNING);
        a.drain(Duration.ofSeconds(20)); // what the SIGTERM hook of `ado worker` calls
        assertThat(cluster.api.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.api.workers().stream()
                .noneMatch(w -> w.id().equals("a") && w.status() != WorkerStatus.DISCONNECTED));
    }

    @Test
    void workerSocketRefusesGarbageAndOtherProtocolVersions() throws Exception {
        List<ControllerMessage> got = new CopyOnWriteArrayList<>();
        TextWebSocket ws = connect(got);
        ws.send("{nonsense");
        ws.send(Json.write(new WorkerMessage.Heartbeat(1, 1, List.of(), false))); // before register: refused and closed
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 2 && !ws.isOpen());
        assertThat(got).extracting(m -> ((ControllerMessage.Error) m).error()).containsExactly("bad_message", "not_registered");

        List<ControllerMessage> other = new CopyOnWriteArrayList<>();
        TextWebSocket old = connect(other);
        old.send(Json.write(new WorkerMessage.Register(Protocol.VERSION + 98, "x", "h", List.of("shell"), 1, 1, "api", null, 1, List.of())));
        await().atMost(Duration.ofSeconds(10)).until(() -> !other.isEmpty() && !old.isOpen());
        assertThat(((ControllerMessage.Error) other.get(0)).error()).isEqualTo("protocol_version");
        assertThat(cluster.api.workers()).isEmpty();
    }

    private TextWebSocket connect(List<ControllerMessage> sink) throws Exception {
        URI uri = URI.create(cluster.controller.url().replace("http", "ws") + "/api/v1/workers/connect");
        return TextWebSocket.connect(cluster.api.http, uri, Duration.ofSeconds(5), t -> sink.add(Json.read(t, ControllerMessage.class)), w -> {});
    }
}
