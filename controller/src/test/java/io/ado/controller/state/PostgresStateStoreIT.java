package io.ado.controller.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.protocol.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The StateStore contract on a real PostgreSQL, plus concurrent writers through two store instances. */
class PostgresStateStoreIT extends StateStoreContract {
    private String url;

    @Override StateStore open() {
        url = Postgres.freshSchemaUrl();
        return JdbcStateStore.of(url, Postgres.USER, Postgres.PASSWORD);
    }

    @Override StateStore reopen() { return JdbcStateStore.of(url, Postgres.USER, Postgres.PASSWORD); }

    @AfterEach void drop() { if (url != null) Postgres.dropSchemaOf(url); }

    /**
     * Eight threads, split over two store instances (two controllers' pools), each add one to a
     * counter on the same task 50 times with read-modify-write under the optimistic lock. No
     * increment may be lost, and every lost race must be reported as a conflict.
     */
    @Test
    void concurrentWritersThroughTwoStoresLoseNoUpdateAndSeeEveryConflict() throws Exception {
        try (StateStore a = open(); StateStore b = reopen()) {
            a.createTask(withExit(TaskRecord.created("hot", TaskSpec.shell("x"), 1, 0), 0));
            int threads = 8, perThread = 50;
            AtomicInteger conflicts = new AtomicInteger();
            AtomicInteger attempts = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                StateStore store = t % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        while (true) {
                            attempts.incrementAndGet();
                            TaskRecord cur = store.task("hot").orElseThrow();
                            if (store.updateTask(withExit(cur, cur.exitCode() + 1))) break;
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) f.get();
            pool.shutdown();
            TaskRecord end = a.task("hot").orElseThrow();
            assertThat(end.exitCode()).isEqualTo(threads * perThread);          // no lost update
            assertThat(end.version()).isEqualTo(threads * perThread);            // one version per successful write
            assertThat(attempts.get()).isEqualTo(threads * perThread + conflicts.get()); // every failed try was a detected conflict
        }
    }

    @Test
    void wrongCredentialsGiveAClearStartupError() {
        assertThatThrownBy(() -> JdbcStateStore.of(Postgres.BASE_URL, "no_such_role_ado", "wrong"))
                .hasMessageContaining("cannot open the state store")
                .hasMessageContaining("no_such_role_ado")
                .hasMessageNotContaining("wrong");
        assertThatThrownBy(() -> JdbcStateStore.of("jdbc:postgresql://127.0.0.1:1/test", "postgres", ""))
                .hasMessageContaining("cannot open the state store at jdbc:postgresql://127.0.0.1:1/test");
    }

    private static TaskRecord withExit(TaskRecord t, int code) {
        return new TaskRecord(t.id(), t.spec(), t.status(), t.attempt(), t.maxRetries(), t.workerId(), code, t.error(),
                t.createdAt(), t.startedAt(), t.finishedAt(), t.version());
    }
}
