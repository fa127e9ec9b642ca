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
}
