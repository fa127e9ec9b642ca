package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.controller.state.Postgres;
import io.ado.controller.state.StoreSettings;
import io.ado.protocol.Json;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import io.ado.worker.WorkerAgent;
import io.ado.worker.WorkerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two controller replicas in one JVM on one PostgreSQL schema and one Redis prefix. */
class ReplicasIT {
    @TempDir Path dir;
    final String pgUrl = Postgres.freshSchemaUrl();
    final StoreSettings backends = StoreSettings.postgresAndRedis(pgUrl, Postgres.USER, Postgres.PASSWORD, ProductionBackendsIT.REDIS,
            "ado-it-" + UUID.randomUUID() + ":");
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void down() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
        Postgres.dropSchemaOf(pgUrl);
    }

    Controller replica() throws Exception {
        Controller c = Controller.start(ControllerSettings.defaults(dir).withHealth(LocalCluster.FAST).withPort(0).withStore(backends));
        open.add(c);
        return c;
    }

    WorkerAgent worker(String id, Controller... replicas) throws Exception {
        WorkerSettings s = WorkerSettings.of(URI.create(replicas[0].url()), id, 2);
        List<URI> urls = Arrays.stream(replicas).map(r -> URI.create(r.url())).toList();
        WorkerAgent w = new WorkerAgent(new WorkerSettings(urls, id, s.hostname(), List.of(), 2, "api", null, s.agents(), Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(5), null, null)).start();
        open.add(w);
        return w;
    }

    @Test
    void aStandbyForwardsSubmitsStreamsOverRedisAndTakesOverWhenTheLeaderGoes() throws Exception {
        Controller a = replica();
        Controller b = replica();
        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();
        WorkerAgent w = worker("r-w1", b, a); // b first: it refuses, naming the leader, and the worker moves on
        assertThat(w.awaitRegistered(Duration.ofSeconds(10))).isTrue();

        TestApi viaB = new TestApi(b.url());
        String id = viaB.submit(TaskSpec.shell("for i in $(seq 1 30); do echo line$i; sleep 0.1; done"));
        TestApi.Stream s = viaB.stream(id, 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> s.chunks().size() >= 3);
        assertThat(viaB.workers()).extracting(v -> v.id()).containsExactly("r-w1"); // forwarded to a

        a.close(); // the leader goes mid-run; b takes over and the worker reconnects to it
        await().atMost(Duration.ofSeconds(15)).until(b::isLeader);
        await().atMost(Duration.ofSeconds(30)).until(s::ended);
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 30; i++) expected.append("line").append(i).append('\n');
        assertThat(s.text()).isEqualTo(expected.toString());
        TaskView t = viaB.task(id);
        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.attempts()).hasSize(1); // the same attempt finished: not run twice
        assertThat(Json.write(viaB.get("/api/v1/admin/status").body())).contains("leader");
    }
}
