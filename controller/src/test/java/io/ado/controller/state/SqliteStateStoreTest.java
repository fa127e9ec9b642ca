package io.ado.controller.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.protocol.TaskSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default, SQLite in WAL mode. */
class SqliteStateStoreTest extends StateStoreContract {
    @TempDir Path dir;

    @Override
    StateStore open() { return JdbcStateStore.embedded(dir); }

    /** After open() is closed: the embedded store again; while it is open: a second writer on the same file, which the directory lock keeps other controllers from being. */
    @Override
    StateStore reopen() {
        try {
            return JdbcStateStore.embedded(dir);
        } catch (IllegalStateException inUse) {
            return JdbcStateStore.sqlite(dir, null);
        }
    }

    @Test
    void aSecondControllerCannotOpenTheSameDataDirectoryUntilTheFirstCloses() {
        try (StateStore first = JdbcStateStore.embedded(dir)) {
            first.createTask(TaskRecord.created("t", TaskSpec.shell("true"), 0, 1));
            assertThatThrownBy(() -> JdbcStateStore.embedded(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another controller");
        }
        try (StateStore again = JdbcStateStore.embedded(dir)) {
            assertThat(again.task("t")).isPresent();
        }
    }

    @Test
    void theWriteAheadLogIsCheckpointedInTheBackground() throws Exception {
        java.nio.file.Path db = dir.resolve("ado.db");
        try (JdbcStateStore store = JdbcStateStore.embedded(dir)) {
            long before = java.nio.file.Files.size(db);
            store.begin();
            for (int i = 0; i < 500; i++) store.createTask(TaskRecord.created("w" + i, TaskSpec.shell("echo " + "x".repeat(200)), 0, i));
            store.commit();
            // the commit only appended to the log (wal_autocheckpoint=0); the background checkpointer copies it into the database file
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> java.nio.file.Files.size(db) > before + 50_000);
        }
        try (StateStore again = JdbcStateStore.embedded(dir)) {
            assertThat(again.tasks(true, 1000)).hasSize(500);
        }
    }

    @Test
    void batchesOfThreadsThatDiedAreRolledBackAndTheirConnectionsReturned() throws Exception {
        try (JdbcStateStore store = JdbcStateStore.embedded(dir)) {
            for (int i = 0; i < 6; i++) { // more than the pool's 4 connections: without abandoning, begin() would run dry
                int n = i;
                Thread t = Thread.ofVirtual().start(() -> {
                    store.begin();
                    store.createTask(TaskRecord.created("dead-" + n, TaskSpec.shell("true"), 0, n));
                    store.lastSeq("dead-" + n); // sends the insert inside the open transaction
                }); // the thread ends with its batch open, as a killed control plane does
                t.join();
                store.abandonBatches();
            }
            assertThat(store.tasks(true, 10)).isEmpty();
            store.createTask(TaskRecord.created("alive", TaskSpec.shell("true"), 0, 99));
            assertThat(store.task("alive")).isPresent();
        }
    }
}
