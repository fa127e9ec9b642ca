package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ado.controller.state.Postgres;
import io.ado.controller.state.StoreSettings;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller on the real PostgreSQL and Redis of this machine (each test: its own schema and channel prefix). */
class ProductionBackendsIT {
    static final String REDIS = System.getenv().getOrDefault("ADO_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    @TempDir Path dir;
    String pgUrl = Postgres.freshSchemaUrl();
    LocalCluster cluster;

    @AfterEach
    void down() {
        if (cluster != null) cluster.close();
        Postgres.dropSchemaOf(pgUrl);
    }

    @Test
    void aTaskRunsEndToEndWithItsStateInPostgresAndItsStreamOverRedis() throws Exception {
        String prefix = "ado-it-" + UUID.randomUUID() + ":";
        cluster = new LocalCluster(dir, StoreSettings.postgresAndRedis(pgUrl, Postgres.USER, Postgres.PASSWORD, REDIS, prefix));
        cluster.addWorker("pg-w1", 2);
        String id = cluster.api.submit(TaskSpec.shell("echo one; echo two"));
        TestApi.Stream s = cluster.api.stream(id, 0);
        await().atMost(Duration.ofSeconds(20)).until(s::ended);
        assertThat(s.text()).isEqualTo("one\ntwo\n");
        assertThat(s.messages.getLast()).isEqualTo(new StreamMessage.End(id, TaskStatus.COMPLETED, 0, null));
        try (Connection c = DriverManager.getConnection(pgUrl, Postgres.USER, Postgres.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("SELECT status FROM tasks WHERE id='" + id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("COMPLETED"); // durable in PostgreSQL, not in the H2 file
        }
        assertThat(dir.resolve("ado.mv.db")).doesNotExist();
        assertThat(cluster.api.get("/api/v1/admin/config").body()).contains("\"state\":\"postgres\"", "\"events\":\"redis\"");
    }

    @Test
    void aBadPostgresUrlOrPasswordFailsStartUpNamingTheDatabaseButNotThePassword() {
        String wrongPort = "jdbc:postgresql://127.0.0.1:1/test";
        assertThatThrownBy(() -> new LocalCluster(dir, StoreSettings.postgresAndRedis(wrongPort, "postgres", "hunter2", REDIS, "x:")))
                .hasMessageContaining("cannot open the state store at " + wrongPort + " as user 'postgres'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        String noSuchDb = "jdbc:postgresql://127.0.0.1:5432/no_such_db_" + UUID.randomUUID().toString().substring(0, 8);
        assertThatThrownBy(() -> new LocalCluster(dir, StoreSettings.postgresAndRedis(noSuchDb, "postgres", "", REDIS, "x:")))
                .hasMessageContaining("cannot open the state store at " + noSuchDb).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new LocalCluster(dir, StoreSettings.postgresAndRedis(pgUrl, "postgres", "", "redis://127.0.0.1:1", "x:")))
                .hasMessageContaining("cannot connect to Redis at redis://127.0.0.1:1");
    }
}
