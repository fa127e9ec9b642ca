package io.ado.controller.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ado.protocol.Json;
import io.ado.protocol.OutputStream;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * {@link StateStore} over JDBC with Flyway migrations. {@link #embedded(Path)} gives the default
 * SQLite file database; every statement is plain SQL that PostgreSQL (and H2) also run.
 *
 * <p>Writes are held in {@link PendingWrites} and sent at commit, coalesced per row and as one
 * JDBC batch per kind of statement: on PostgreSQL that is a handful of round trips per group
 * commit instead of several per task. The optimistic locks are checked on those batches: an
 * update that finds another version stored fails the whole transaction with
 * {@link ConflictException}. A read inside a batch first sends what is pending, so the batch
 * reads its own writes. A write outside a batch is its own transaction, on disk before it returns.
 */
public final class JdbcStateStore implements StateStore {
    private final HikariDataSource pool;
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();
    private final java.util.Set<Batch> open = java.util.concurrent.ConcurrentHashMap.newKeySet(); // every thread's open batch
    private final String lockShared;
    private volatile Fence fence;

    /** Commits must find lease {@code name} still at {@code fencing}. */
    private record Fence(String name, long fencing) {}

    /** The calling thread's open transaction and the writes not yet sent on it. */
    private static final class Batch {
        final Connection connection;
        final PendingWrites writes = new PendingWrites();
        RuntimeException failure; // a send that failed mid-batch: the batch can only roll back

        Batch(Connection connection) { this.connection = connection; }
    }

    private final AutoCloseable lock; // the embedded store's directory lock, else null
    private WalCheckpointer checkpointer; // SQLite only

    private JdbcStateStore(HikariDataSource pool, AutoCloseable lock) {
        this.pool = pool;
        this.lock = lock;
        // A shared lock lets a takeover (UPDATE leases) wait for a commit in flight, not the other way round.
        this.lockShared = pool.getJdbcUrl().startsWith("jdbc:postgresql:") ? "FOR SHARE" : "FOR UPDATE";
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close(); // nothing may keep the database open after a failed start
            throw e;
        }
    }

    /**
     * The embedded default: SQLite in {@code dir} (file {@code ado.db}) in WAL mode with
     * {@code synchronous=NORMAL}, so a commit is in the write-ahead log before we answer: it
     * survives {@code kill -9} of the controller (not a power cut of the machine). An OS lock on
     * {@code ado.lock} keeps a second controller off the same directory; the OS drops it when the
     * process dies, so a restart after a crash needs no clean-up.
     */
    public static JdbcStateStore embedded(Path dir) {
        DirectoryLock lock = DirectoryLock.acquire(dir);
        try {
            return sqlite(dir, lock);
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (java.io.IOException ignored) {
                // released with the process anyway
            }
            throw e;
        }
    }

    /** SQLite in {@code dir} without the directory lock: tests use it for a second writer on the same file. */
    static JdbcStateStore sqlite(Path dir, AutoCloseable lock) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:sqlite:" + dir.toAbsolutePath().resolve("ado.db"));
        cfg.addDataSourceProperty("journal_mode", "WAL");
        cfg.addDataSourceProperty("synchronous", "NORMAL");
        cfg.addDataSourceProperty("busy_timeout", "10000");
        cfg.setConnectionInitSql("PRAGMA wal_autocheckpoint=0"); // checkpoints run in the background (WalCheckpointer)
        cfg.setMaximumPoolSize(4);
        cfg.setPoolName("ado-store");
        JdbcStateStore store = new JdbcStateStore(new HikariDataSource(cfg), lock);
        store.checkpointer = new WalCheckpointer(store.pool);
        return store;
    }

    /** An H2 database in {@code dir} (the embedded store of earlier versions; kept for {@code store.url: jdbc:h2:...} and its contract test). */
    static JdbcStateStore h2(Path dir) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath().resolve("ado") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0");
        cfg.setUsername("sa");
        cfg.setMaximumPoolSize(4);
        cfg.setPoolName("ado-store");
        return new JdbcStateStore(new HikariDataSource(cfg), null);
    }

    /**
     * A store on any JDBC database Flyway knows (PostgreSQL in production).
     *
     * @throws IllegalStateException naming the URL and user (never the password) when the
     *     database cannot be reached, refuses the credentials or cannot be migrated
     */
    public static JdbcStateStore of(String jdbcUrl, String user, String password) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(8);
        cfg.setPoolName("ado-store");
        cfg.setInitializationFailTimeout(1); // fail at start-up, not on the first request
        cfg.setConnectionTimeout(5_000);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            cfg.addDataSourceProperty("reWriteBatchedInserts", "true"); // a batch of INSERTs goes as multi-row statements
        }
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(cfg);
            return new JdbcStateStore(pool, null);
        } catch (RuntimeException e) {
            if (pool != null) pool.close();
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            throw new IllegalStateException("cannot open the state store at " + jdbcUrl + " as user '" + user + "': "
                    + root.getMessage(), e);
        }
    }

    public DataSource dataSource() { return pool; }

    @Override
    public void begin() {
        if (batch.get() != null) return;
        try {
            Connection c = pool.getConnection();
            c.setAutoCommit(false);
            Batch b = new Batch(c);
            batch.set(b);
            open.add(b);
        } catch (SQLException e) {
            throw new StoreException("begin", e);
        }
    }

    @Override
    public void fence(String lease, long fencing) { this.fence = new Fence(lease, fencing); }

    @Override
    public void commit() {
        Batch b = detach();
        if (b == null) return;
        Connection c = b.connection;
        try {
            if (b.failure != null) throw b.failure;
            Fence f = fence;
            if (f != null) checkFence(c, f);
            send(b);
            c.commit();
        } catch (SQLException e) {
            discard(c);
            throw new StoreException("commit", e);
        } catch (RuntimeException e) {
            discard(c);
            throw e;
        }
        release(c);
    }

    /** Drops the calling thread's batch: nothing of it is kept. */
    @Override
    public void rollback() {
        Batch b = detach();
        if (b != null) discard(b.connection);
    }

    /** Takes the calling thread's batch (or null) off the books; the caller ends it. */
    private Batch detach() {
        Batch b = batch.get();
        if (b == null) return null;
        batch.remove();
        open.remove(b);
        return b;
    }

    /**
     * Rolls back every open batch: for a control plane that was killed mid-batch, whose thread
     * can no longer do it. Its connection would otherwise stay checked out with the transaction
     * (and its locks) open.
     */
    public void abandonBatches() {
        for (Batch b : List.copyOf(open)) {
            open.remove(b);
            discard(b.connection);
        }
    }

    /** Rolls back and returns the connection; one whose rollback failed is evicted, never put back (resetting autocommit would commit). */
    private void discard(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            pool.evictConnection(c);
            return;
        }
        release(c);
    }

    private void release(Connection c) {
        try (c) {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            pool.evictConnection(c); // broken: the pool must not hand it out again
        }
    }

    /** In the batch's transaction: the lease row still carries our fencing number, locked until we commit. */
    private void checkFence(Connection c, Fence f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT fencing FROM leases WHERE name=? " + lockShared)) {
            ps.setString(1, f.name());
            try (ResultSet rs = ps.executeQuery()) {
                long now = rs.next() ? rs.getLong(1) : -1;
                if (now != f.fencing()) throw new FencedException(f.name(), f.fencing(), now);
            }
        }
    }

    /** Applies a write to the open batch, or, without one, in a transaction of its own. */
    private void write(java.util.function.Consumer<PendingWrites> change) {
        inBatch(b -> {
            change.accept(b.writes);
            return null;
        });
    }

    /** Runs {@code work} on the calling thread's open batch, or, without one, in a transaction of its own. */
    private <T> T inBatch(java.util.function.Function<Batch, T> work) {
        Batch b = batch.get();
        if (b != null) return work.apply(b);
        begin();
        try {
            return work.apply(batch.get());
        } finally {
            commit();
        }
    }

    // ---- sending pending writes ------------------------------------------------------------

    private static final String TASK_COLUMNS = "id, spec, status, attempt, max_retries, worker_id, exit_code, error, created_at, started_at, finished_at, version";
    // Each INSERT lists the UPDATE's columns first, in the UPDATE's order (the row's key last), then what only
    // it sets: one binder per table fills both, and the INSERT's extra columns follow.
    private static final String UPDATE_TASK = "UPDATE tasks SET status=?, attempt=?, worker_id=?, exit_code=?, error=?, started_at=?,"
            + " finished_at=?, version=? WHERE id=? AND version=?";
    private static final String INSERT_TASK = "INSERT INTO tasks (status, attempt, worker_id, exit_code, error, started_at, finished_at,"
            + " version, id, spec, max_retries, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String UPDATE_ATTEMPT = "UPDATE attempts SET worker_id=?, status=?, exit_code=?, error=?, started_at=?, finished_at=?"
            + " WHERE task_id=? AND attempt=?";
    private static final String INSERT_ATTEMPT = "INSERT INTO attempts (worker_id, status, exit_code, error, started_at, finished_at,"
            + " task_id, attempt) VALUES (?,?,?,?,?,?,?,?)";
    private static final String WORKER_COLUMNS = "id, hostname, capabilities, cpus, memory_bytes, access_mode, provider, slots, status, registered_at, last_heartbeat, version";
    private static final String UPDATE_WORKER = "UPDATE workers SET hostname=?, capabilities=?, cpus=?, memory_bytes=?, access_mode=?, provider=?,"
            + " slots=?, status=?, registered_at=?, last_heartbeat=?, version=version+1 WHERE id=?";
    private static final String INSERT_WORKER = "INSERT INTO workers (hostname, capabilities, cpus, memory_bytes, access_mode, provider, slots,"
            + " status, registered_at, last_heartbeat, id, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,0)";
    private static final String INSERT_OUTPUT = "INSERT INTO output_chunks (task_id, seq, attempt, worker_seq, stream, data, at) VALUES (?,?,?,?,?,?,?)";

    /** Sends what the batch holds, parents before children (tasks, attempts, workers, output). */
    private void send(Batch b) throws SQLException {
        PendingWrites w = b.writes;
        if (w.isEmpty()) return;
        Connection c = b.connection;
        List<PendingWrites.TaskWrite> inserts = new ArrayList<>(), updates = new ArrayList<>();
        for (PendingWrites.TaskWrite t : w.tasks.values()) (t.insert() ? inserts : updates).add(t);
        run(c, INSERT_TASK, inserts, (ps, t) -> {
            bindTask(ps, t.row());
            ps.setString(10, Json.write(t.row().spec()));
            ps.setInt(11, t.row().maxRetries());
            ps.setLong(12, t.row().createdAt());
        });
        int[] counts = run(c, UPDATE_TASK, updates, (ps, t) -> {
            bindTask(ps, t.row());
            ps.setLong(10, t.expectedVersion());
        });
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1) throw new ConflictException("task " + updates.get(i).row().id(), updates.get(i).expectedVersion());
        }

        List<AttemptRecord> newAttempts = new ArrayList<>(), savedAttempts = new ArrayList<>();
        for (PendingWrites.AttemptWrite a : w.attempts.values()) (a.insert() ? newAttempts : savedAttempts).add(a.row());
        counts = run(c, UPDATE_ATTEMPT, savedAttempts, JdbcStateStore::bindAttempt);
        for (int i = 0; i < counts.length; i++) if (counts[i] == 0) newAttempts.add(savedAttempts.get(i));
        run(c, INSERT_ATTEMPT, newAttempts, JdbcStateStore::bindAttempt);

        List<WorkerRow> workers = new ArrayList<>(w.workers.values());
        counts = run(c, UPDATE_WORKER, workers, JdbcStateStore::bindWorker);
        List<WorkerRow> newWorkers = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) if (counts[i] == 0) newWorkers.add(workers.get(i));
        run(c, INSERT_WORKER, newWorkers, JdbcStateStore::bindWorker);

        run(c, INSERT_OUTPUT, w.output, JdbcStateStore::bindOutput);
        w.clear();
    }

    private interface Binder<T> { void bind(PreparedStatement ps, T row) throws SQLException; }

    /** One JDBC batch of {@code sql} over {@code rows}; the update count of each row. */
    private static <T> int[] run(Connection c, String sql, List<T> rows, Binder<T> binder) throws SQLException {
        if (rows.isEmpty()) return new int[0];
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (rows.size() == 1) {
                binder.bind(ps, rows.get(0));
                return new int[] {ps.executeUpdate()};
            }
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    /** Before a read inside a batch: send what is pending so the read sees it. */
    private void sendForRead(Batch b) {
        if (b.failure != null) throw b.failure;
        try {
            send(b);
        } catch (SQLException e) {
            b.failure = new StoreException("send", e);
            throw b.failure;
        } catch (RuntimeException e) {
            b.failure = e;
            throw e;
        }
    }

    // ---- tasks ---------------------------------------------------------------------------

    @Override
    public void createTask(TaskRecord t) { write(w -> w.createTask(t)); }

    @Override
    public boolean updateTask(TaskRecord t) {
        if (batch.get() != null) return batch.get().writes.updateTask(t);
        try {
            write(w -> w.updateTask(t));
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    /** Parameters 1..9 of both task statements: the changing columns, the version written, the id. */
    private static void bindTask(PreparedStatement ps, TaskRecord t) throws SQLException {
        ps.setString(1, t.status().name());
        ps.setInt(2, t.attempt());
        ps.setString(3, t.workerId());
        setInt(ps, 4, t.exitCode());
        ps.setString(5, t.error());
        setLong(ps, 6, t.startedAt());
        setLong(ps, 7, t.finishedAt());
        ps.setLong(8, t.version());
        ps.setString(9, t.id());
    }

    @Override
    public Optional<TaskRecord> task(String id) {
        return query("SELECT " + TASK_COLUMNS + " FROM tasks WHERE id=?", JdbcStateStore::taskRow, id).stream().findFirst();
    }

    @Override
    public List<TaskRecord> tasks(boolean includeFinished, int limit) {
        String where = includeFinished ? "" : " WHERE status IN ('PENDING','SCHEDULED','RUNNING')";
        return query("SELECT " + TASK_COLUMNS + " FROM tasks" + where + " ORDER BY created_at DESC, id DESC LIMIT ?",
                JdbcStateStore::taskRow, limit);
    }

    @Override
    public List<TaskRecord> unfinishedTasks() {
        return query("SELECT " + TASK_COLUMNS + " FROM tasks WHERE status IN ('PENDING','SCHEDULED','RUNNING') ORDER BY created_at, id",
                JdbcStateStore::taskRow);
    }

    private static TaskRecord taskRow(ResultSet rs) throws SQLException {
        return new TaskRecord(rs.getString(1), Json.read(rs.getString(2), TaskSpec.class), TaskStatus.valueOf(rs.getString(3)),
                rs.getInt(4), rs.getInt(5), rs.getString(6), intOrNull(rs, 7), rs.getString(8), rs.getLong(9),
                longOrNull(rs, 10), longOrNull(rs, 11), rs.getLong(12));
    }

    // ---- attempts ------------------------------------------------------------------------

    @Override
    public void createAttempt(AttemptRecord a) { write(w -> w.createAttempt(a)); }

    @Override
    public void saveAttempt(AttemptRecord a) { write(w -> w.saveAttempt(a)); }

    private static void bindAttempt(PreparedStatement ps, AttemptRecord a) throws SQLException {
        ps.setString(1, a.workerId());
        ps.setString(2, a.status().name());
        setInt(ps, 3, a.exitCode());
        ps.setString(4, a.error());
        ps.setLong(5, a.startedAt());
        setLong(ps, 6, a.finishedAt());
        ps.setString(7, a.taskId());
        ps.setInt(8, a.attempt());
    }

    @Override
    public List<AttemptRecord> attempts(String taskId) {
        return query("SELECT task_id, attempt, worker_id, status, exit_code, error, started_at, finished_at FROM attempts WHERE task_id=? ORDER BY attempt",
                rs -> new AttemptRecord(rs.getString(1), rs.getInt(2), rs.getString(3), TaskStatus.valueOf(rs.getString(4)),
                        intOrNull(rs, 5), rs.getString(6), rs.getLong(7), longOrNull(rs, 8)), taskId);
    }

    // ---- workers -------------------------------------------------------------------------

    @Override
    public void saveWorker(WorkerRow w) { write(p -> p.saveWorker(w)); }

    private static void bindWorker(PreparedStatement ps, WorkerRow w) throws SQLException {
        ps.setString(1, w.hostname());
        ps.setString(2, String.join(",", w.capabilities()));
        ps.setInt(3, w.cpus());
        ps.setLong(4, w.memoryBytes());
        ps.setString(5, w.accessMode());
        ps.setString(6, w.provider());
        ps.setInt(7, w.slots());
        ps.setString(8, w.status().name());
        ps.setLong(9, w.registeredAt());
        ps.setLong(10, w.lastHeartbeat());
        ps.setString(11, w.id());
    }

    @Override
    public List<WorkerRow> workers() {
        return query("SELECT " + WORKER_COLUMNS + " FROM workers ORDER BY id", JdbcStateStore::workerRow);
    }

    @Override
    public List<String> deleteOfflineWorkers(long seenBefore) {
        return inBatch(b -> {
            String where = " FROM workers WHERE status='" + WorkerStatus.OFFLINE.name() + "' AND last_heartbeat<?";
            // The query sends the batch's pending writes first; the control plane is the only writer, so the DELETE
            // removes exactly the rows it listed.
            List<String> ids = query("SELECT id" + where + " ORDER BY id", rs -> rs.getString(1), seenBefore);
            if (!ids.isEmpty()) update(b, "DELETE" + where, seenBefore);
            return ids;
        });
    }

    @Override
    public Optional<WorkerRow> worker(String id) {
        return query("SELECT " + WORKER_COLUMNS + " FROM workers WHERE id=?", JdbcStateStore::workerRow, id).stream().findFirst();
    }

    private static WorkerRow workerRow(ResultSet rs) throws SQLException {
        String caps = rs.getString(3);
        return new WorkerRow(rs.getString(1), rs.getString(2), caps.isEmpty() ? List.of() : Arrays.asList(caps.split(",")),
                rs.getInt(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getInt(8), WorkerStatus.valueOf(rs.getString(9)),
                rs.getLong(10), rs.getLong(11), rs.getLong(12));
    }

    // ---- output --------------------------------------------------------------------------

    @Override
    public void appendOutput(OutputChunk c) { write(w -> w.appendOutput(c)); }

    private static void bindOutput(PreparedStatement ps, OutputChunk c) throws SQLException {
        ps.setString(1, c.taskId());
        ps.setLong(2, c.seq());
        ps.setInt(3, c.attempt());
        ps.setLong(4, c.workerSeq());
        ps.setString(5, c.stream().name());
        ps.setString(6, c.data());
        ps.setLong(7, c.at());
    }

    @Override
    public List<OutputChunk> output(String taskId, long fromSeq, int limit) {
        return query("SELECT task_id, seq, attempt, worker_seq, stream, data, at FROM output_chunks WHERE task_id=? AND seq>=? ORDER BY seq LIMIT ?",
                rs -> new OutputChunk(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), OutputStream.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getLong(7)), taskId, fromSeq, limit);
    }

    @Override
    public long lastSeq(String taskId) {
        return query("SELECT COALESCE(MAX(seq), -1) FROM output_chunks WHERE task_id=?", rs -> rs.getLong(1), taskId).get(0);
    }

    @Override
    public long lastWorkerSeq(String taskId, int attempt) {
        return query("SELECT COALESCE(MAX(worker_seq), -1) FROM output_chunks WHERE task_id=? AND attempt=?", rs -> rs.getLong(1), taskId, attempt).get(0);
    }

    @Override
    public void close() {
        if (checkpointer != null) checkpointer.close();
        pool.close();
        if (lock != null) {
            try {
                lock.close();
            } catch (Exception ignored) {
                // the OS drops the lock with the process anyway
            }
        }
    }

    // ---- JDBC plumbing -------------------------------------------------------------------

    private interface Row<T> { T map(ResultSet rs) throws SQLException; }

    /** A statement on the batch's connection; a failure leaves the batch able only to roll back. */
    private static void update(Batch b, String sql, Object... args) {
        try (PreparedStatement ps = b.connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            b.failure = new StoreException(sql, e);
            throw b.failure;
        }
    }

    /** Reads on the thread's batch (after sending its pending writes), else on a pooled auto-commit connection. */
    private <T> List<T> query(String sql, Row<T> row, Object... args) {
        Batch b = batch.get();
        if (b != null) sendForRead(b);
        Connection c = null;
        try {
            c = b != null ? b.connection : pool.getConnection();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) out.add(row.map(rs));
                    return out;
                }
            }
        } catch (SQLException e) {
            StoreException failure = new StoreException(sql, e);
            if (b != null) b.failure = failure; // the batch can only roll back now (on PostgreSQL its transaction is aborted anyway)
            throw failure;
        } finally {
            if (b == null && c != null) release(c);
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, v);
    }

    private static Integer intOrNull(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /** A commit refused because another replica took the lease over: the writer is no longer the leader. */
    public static final class FencedException extends RuntimeException {
        FencedException(String lease, long ours, long current) {
            super("fenced: lease '" + lease + "' is at fencing " + current + ", this writer holds " + ours + "; its batch was rolled back");
        }
    }

    /** An optimistic-lock write found another version stored: someone else wrote the row; the batch was rolled back. */
    public static final class ConflictException extends RuntimeException {
        ConflictException(String row, long expected) {
            super("conflict: " + row + " is no longer at version " + expected + " (another writer changed it); the batch was rolled back");
        }
    }

    /** A store failure; carries the statement (never its arguments, which may hold user data). */
    public static final class StoreException extends RuntimeException {
        StoreException(String sql, SQLException cause) { super("store: " + cause.getMessage() + " in: " + sql, cause); }
    }
}
