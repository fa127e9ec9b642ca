package io.ado.controller.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.Event;
import io.ado.protocol.WorkerStatus;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker-state read path on real Redis in front of a real database. */
class WorkerStateCacheIT {
    @TempDir Path dir;

    @Test void readsThroughTheCacheAndEveryWriteInvalidatesAndPublishes() {
        String prefix = "ado-test-" + UUID.randomUUID() + ":";
        EventPublisher bus = new EventPublisher();
        List<Event> events = new CopyOnWriteArrayList<>();
        bus.subscribeEvents(events::add);
        RedisClient client = RedisClient.create(RedisEventBusIT.URL);
        try (StatefulRedisConnection<String, String> redis = client.connect();
             JdbcStateStore db = JdbcStateStore.embedded(dir);
             WorkerStateCache cache = new WorkerStateCache(db, bus, Clock.systemUTC(), RedisEventBusIT.URL, prefix)) {
            WorkerRow idle = new WorkerRow("w1", "h", List.of("shell"), 2, 1024, null, null, 2, WorkerStatus.IDLE, 1, 1, 0);
            cache.saveWorker(idle);
            String key = cache.key("w1");
            assertThat(redis.sync().exists(key)).isZero();
            assertThat(cache.worker("w1")).contains(idle);                 // miss: read from the database, cached
            assertThat(redis.sync().get(key)).contains("\"status\":\"idle\"");
            assertThat(redis.sync().ttl(key)).isBetween(1L, 60L);

            db.saveWorker(new WorkerRow("w1", "h", List.of("shell"), 2, 1024, null, null, 2, WorkerStatus.BUSY, 1, 2, 0));
            assertThat(cache.worker("w1").orElseThrow().status()).isEqualTo(WorkerStatus.IDLE); // served from the cache

            cache.saveWorker(new WorkerRow("w1", "h", List.of("shell"), 2, 1024, null, null, 2, WorkerStatus.DRAINING, 1, 3, 0));
            assertThat(redis.sync().exists(key)).isZero();                  // invalidated on write
            assertThat(cache.worker("w1").orElseThrow().status()).isEqualTo(WorkerStatus.DRAINING);
            await().until(() -> events.stream().filter(e -> e.type().equals("worker.state.changed")).count() == 2);
            assertThat(events.getLast().data()).containsEntry("workerId", "w1").containsEntry("status", "DRAINING");
            cache.begin();                                                  // in a batch: invalidated on commit
            cache.saveWorker(new WorkerRow("w1", "h", List.of("shell"), 2, 1024, null, null, 2, WorkerStatus.IDLE, 1, 4, 0));
            assertThat(cache.worker("w1").orElseThrow().status()).isEqualTo(WorkerStatus.DRAINING); // cached; the batch is not committed
            cache.commit();
            assertThat(redis.sync().exists(key)).isZero();
            assertThat(cache.worker("w1").orElseThrow().status()).isEqualTo(WorkerStatus.IDLE);
            assertThat(cache.worker("unknown")).isEmpty();
            assertThat(redis.sync().exists(cache.key("unknown"))).isZero();  // absence is not cached

            cache.saveWorker(new WorkerRow("w1", "h", List.of("shell"), 2, 1024, null, null, 2, WorkerStatus.OFFLINE, 1, 5, 0));
            assertThat(cache.worker("w1").orElseThrow().status()).isEqualTo(WorkerStatus.OFFLINE); // cached again
            cache.begin();                                                  // the registry's cleanup, in the plane's batch
            assertThat(cache.deleteOfflineWorkers(10)).containsExactly("w1");
            assertThat(redis.sync().exists(key)).isOne();                   // kept until the rows are gone for every reader
            cache.commit();
            assertThat(redis.sync().exists(key)).isZero();                  // its cached state goes with its row
            assertThat(cache.worker("w1")).isEmpty();
            redis.sync().del(key);
        } finally {
            client.shutdown();
        }
    }
}
