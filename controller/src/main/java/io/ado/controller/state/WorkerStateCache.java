package io.ado.controller.state;

import io.ado.protocol.Json;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 000's worker-state read path: a {@link StateStore} whose {@code worker(id)} reads
 * {@code worker:{id}:state} from Redis (60 s TTL) before the database, and whose
 * {@code saveWorker} writes the database, drops the cached entry and publishes
 * {@code worker.state.changed}. Everything else goes straight to the wrapped store.
 */
public final class WorkerStateCache implements StateStore {
    public static final Duration TTL = Duration.ofSeconds(60);

    private final StateStore store;
    private final EventBus bus;
    private final Clock clock;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> conn;
    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final ThreadLocal<List<WorkerRow>> batch = new ThreadLocal<>();
    private final ThreadLocal<List<String>> deleted = new ThreadLocal<>(); // ids deleted in the open batch

    public WorkerStateCache(StateStore store, EventBus bus, Clock clock, String redisUrl, String prefix) {
        this.store = store;
        this.bus = bus;
        this.clock = clock;
        this.prefix = prefix;
        RedisURI uri = RedisURI.create(redisUrl);
        this.client = RedisClient.create(uri);
        try {
            this.conn = client.connect();
        } catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("cannot connect to Redis at " + RedisEventBus.redacted(uri) + ": " + e.getMessage(), e);
        }
        this.redis = conn.sync();
    }

    String key(String workerId) { return prefix + "worker:" + workerId + ":state"; }

    @Override
    public Optional<WorkerRow> worker(String id) {
        String cached = redis.get(key(id));
        if (cached != null) return Optional.of(Json.read(cached, WorkerRow.class));
        Optional<WorkerRow> row = store.worker(id);
        row.ifPresent(w -> redis.setex(key(id), TTL.toSeconds(), Json.write(w)));
        return row;
    }

    /**
     * Inside a batch the row is not visible to others until commit, and a reader could cache
     * the old row meanwhile: so the entry is dropped (and the change published) after commit.
     */
    @Override
    public void saveWorker(WorkerRow worker) {
        store.saveWorker(worker);
        List<WorkerRow> pending = batch.get();
        if (pending != null) pending.add(worker);
        else invalidate(worker);
    }

    private void invalidate(WorkerRow worker) {
        redis.del(key(worker.id()));
        bus.event("worker.state.changed", clock.millis(), Map.of("workerId", worker.id(), "status", worker.status().name()));
    }

    @Override
    public void begin() {
        store.begin();
        batch.set(new ArrayList<>());
        deleted.set(new ArrayList<>());
    }

    @Override
    public void commit() {
        List<WorkerRow> pending = batch.get();
        List<String> gone = deleted.get();
        batch.remove();
        deleted.remove();
        store.commit(); // a failed commit changed nothing: nothing to invalidate
        if (pending != null) pending.forEach(this::invalidate);
        if (gone != null) gone.forEach(id -> redis.del(key(id)));
    }

    @Override
    public void rollback() {
        batch.remove(); // nothing was written: nothing to invalidate
        deleted.remove();
        store.rollback();
    }

    @Override public void fence(String lease, long fencing) { store.fence(lease, fencing); }
    @Override public void createTask(TaskRecord task) { store.createTask(task); }
    @Override public boolean updateTask(TaskRecord task) { return store.updateTask(task); }
    @Override public Optional<TaskRecord> task(String id) { return store.task(id); }
    @Override public List<TaskRecord> tasks(boolean includeFinished, int limit) { return store.tasks(includeFinished, limit); }
    @Override public List<TaskRecord> unfinishedTasks() { return store.unfinishedTasks(); }
    @Override public void createAttempt(AttemptRecord attempt) { store.createAttempt(attempt); }
    @Override public void saveAttempt(AttemptRecord attempt) { store.saveAttempt(attempt); }
    @Override public List<AttemptRecord> attempts(String taskId) { return store.attempts(taskId); }
    @Override public List<WorkerRow> workers() { return store.workers(); }

    /** As with {@link #saveWorker}: inside a batch the cached entries are dropped after commit, when the rows are gone for every reader. */
    @Override
    public List<String> deleteOfflineWorkers(long seenBefore) {
        List<String> ids = store.deleteOfflineWorkers(seenBefore);
        List<String> pending = deleted.get();
        if (pending != null) pending.addAll(ids);
        else ids.forEach(id -> redis.del(key(id)));
        return ids;
    }
    @Override public void createJoinToken(JoinTokenRecord token) { store.createJoinToken(token); }
    @Override public void useJoinToken(String tokenHash, long usedAt) { store.useJoinToken(tokenHash, usedAt); }
    @Override public void deleteJoinTokens(long expiredBefore) { store.deleteJoinTokens(expiredBefore); }
    @Override public List<JoinTokenRecord> joinTokens(long now) { return store.joinTokens(now); }
    @Override public void saveReconnectHash(String workerId, String hash) { store.saveReconnectHash(workerId, hash); }
    @Override public Map<String, String> reconnectHashes() { return store.reconnectHashes(); }
    @Override public void appendOutput(OutputChunk chunk) { store.appendOutput(chunk); }
    @Override public List<OutputChunk> output(String taskId, long fromSeq, int limit) { return store.output(taskId, fromSeq, limit); }
    @Override public long lastSeq(String taskId) { return store.lastSeq(taskId); }
    @Override public long lastWorkerSeq(String taskId, int attempt) { return store.lastWorkerSeq(taskId, attempt); }

    @Override
    public void close() {
        conn.close();
        client.shutdown();
        store.close();
    }
}
