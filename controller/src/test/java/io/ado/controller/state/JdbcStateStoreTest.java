package io.ado.controller.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.protocol.TaskSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The StateStore contract on the embedded H2 store (PostgresStateStoreIT runs it on PostgreSQL). */
class JdbcStateStoreTest extends StateStoreContract {
    @TempDir Path dir;

    @Override StateStore open() { return JdbcStateStore.embedded(dir); }

    @Override StateStore reopen() { return JdbcStateStore.embedded(dir); }

    @Test
    void retryBudgetIsTheFirstRunPlusRetries() {
        TaskRecord t = TaskRecord.created("t", TaskSpec.shell("x"), 1, 0);
        t = t.scheduledOn("w");
        assertThat(t.canRetry()).isTrue();
        t = t.requeued("lost").scheduledOn("w2");
        assertThat(t.attempt()).isEqualTo(2);
        assertThat(t.canRetry()).isFalse();
    }
}
