package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.controller.state.StoreSettings;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole controller on PostgreSQL (127.0.0.1:5432/test, own schema): run, crash a worker, restart the controller. */
class PostgresControllerIT {
    static final String URL = System.getProperty("ado.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
    @TempDir Path dir;

    @Test
    void runsAndRecoversOnPostgres() throws Exception {
        String schema = "ado_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL, "postgres", "")) { c.createStatement().execute("CREATE SCHEMA " + schema); }
        try (LocalCluster cluster = new LocalCluster(dir, new StoreSettings(null, URL + "?currentSchema=" + schema, "postgres", "", "local", null, null))) {
            cluster.addWorker("a", 1);
            cluster.addWorker("b", 1);
            String id = cluster.api.submit(TaskSpec.shell("echo hello"));
            TestApi.Stream s = cluster.api.stream(id, 0);
            await().atMost(Duration.ofSeconds(20)).until(s::ended);
            assertThat(s.text()).isEqualTo("hello\n");

            String moved = cluster.api.submit(TaskSpec.shell("sleep 1; echo again-$ADO_ATTEMPT"));
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(moved).status() == TaskStatus.RUNNING);
            String wid = cluster.api.task(moved).workerId();
            cluster.crash(cluster.workers.stream().filter(w -> w.id().equals(wid)).findFirst().orElseThrow());
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.api.task(moved).status() == TaskStatus.COMPLETED);
            assertThat(cluster.api.task(moved).attempt()).isEqualTo(2);

            cluster.restartController();
            assertThat(cluster.api.task(id).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(cluster.api.get("/api/v1/tasks/" + moved + "/output").body()).contains("again-2");
            assertThat(cluster.api.get("/api/v1/admin/config").body()).contains("jdbc:postgresql:").doesNotContain("password");
        } finally {
            try (Connection c = DriverManager.getConnection(URL, "postgres", "")) { c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE"); }
        }
    }
}
