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
 * H2 file database; every statement is plain SQL that PostgreSQL also runs. Each write is its
 * own auto-committed transaction, so it is on disk before the caller replies.
 */
public final class JdbcStateStore implements StateStore {
    private final HikariDataSource pool;
    private final ThreadLocal<Connection> batch = new ThreadLocal<>();
    private final String lockShared;
    private volatile Fence fence;

    /** Commits must find lease {@code name} still at {@code fencing}. */
    private record Fence(String name, long fencing) {}

    private JdbcStateStore(HikariDataSource pool) {
        this.pool = pool;
        // A shared lock lets a takeover (UPDATE leases) wait for a commit in flight, not the other way round.
        this.lockShared = pool.getJdbcUrl().startsWith("jdbc:postgresql:") ? "FOR SHARE" : "FOR UPDATE";
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    }

    /** An H2 database in {@code dir}; WRITE_DELAY=0 so a commit reaches the file before we answer (survives kill -9). */
    public static JdbcStateStore embedded(Path dir) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath().resolve("ado") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0");
        cfg.setUsername("sa");
        cfg.setMaximumPoolSize(4);
        cfg.setPoolName("ado-store");
        return new JdbcStateStore(new HikariDataSource(cfg));
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
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(cfg);
            return new JdbcStateStore(pool);
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
            batch.set(c);
        } catch (SQLException e) {
            throw new StoreException("begin", e);
        }
    }

    @Override
    public void fence(String lease, long fencing) { this.fence = new Fence(lease, fencing); }

    @Override
    public void commit() {
        Connection c = batch.get();
        if (c == null) return;
        batch.remove();
        try (c) {
            Fence f = fence;
            if (f != null) checkFence(c, f);
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new StoreException("commit", e);
        }
    }

    /** In the batch's transaction: the lease row still carries our fencing number, locked until we commit. */
    private void checkFence(Connection c, Fence f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT fencing FROM leases WHERE name=? " + lockShared)) {
            ps.setString(1, f.name());
            try (ResultSet rs = ps.executeQuery()) {
                long now = rs.next() ? rs.getLong(1) : -1;
                if (now != f.fencing()) {
                    c.rollback();
                    c.setAutoCommit(true);
                    throw new FencedException(f.name(), f.fencing(), now);
                }
            }
        }
    }

    // ---- tasks ---------------------------------------------------------------------------

    private static final String TASK_COLUMNS = "id, spec, status, attempt, max_retries, worker_id, exit_code, error, created_at, started_at, finished_at, version";

    @Override
    public void createTask(TaskRecord t) {
        update("INSERT INTO tasks (" + TASK_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                t.id(), Json.write(t.spec()), t.status().name(), t.attempt(), t.maxRetries(), t.workerId(), t.exitCode(),
                t.error(), t.createdAt(), t.startedAt(), t.finishedAt(), t.version());
    }

    @Override
    public boolean updateTask(TaskRecord t) {
        return update("UPDATE tasks SET status=?, attempt=?, worker_id=?, exit_code=?, error=?, started_at=?, finished_at=?, version=?"
                        + " WHERE id=? AND version=?",
                t.status().name(), t.attempt(), t.workerId(), t.exitCode(), t.error(), t.startedAt(), t.finishedAt(),
                t.version() + 1, t.id(), t.version()) == 1;
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
    public void saveAttempt(AttemptRecord a) {
        int n = update("UPDATE attempts SET worker_id=?, status=?, exit_code=?, error=?, started_at=?, finished_at=? WHERE task_id=? AND attempt=?",
                a.workerId(), a.status().name(), a.exitCode(), a.error(), a.startedAt(), a.finishedAt(), a.taskId(), a.attempt());
        if (n == 0) {
            update("INSERT INTO attempts (task_id, attempt, worker_id, status, exit_code, error, started_at, finished_at) VALUES (?,?,?,?,?,?,?,?)",
                    a.taskId(), a.attempt(), a.workerId(), a.status().name(), a.exitCode(), a.error(), a.startedAt(), a.finishedAt());
        }
    }

    @Override
    public List<AttemptRecord> attempts(String taskId) {
        return query("SELECT task_id, attempt, worker_id, status, exit_code, error, started_at, finished_at FROM attempts WHERE task_id=? ORDER BY attempt",
                rs -> new AttemptRecord(rs.getString(1), rs.getInt(2), rs.getString(3), TaskStatus.valueOf(rs.getString(4)),
                        intOrNull(rs, 5), rs.getString(6), rs.getLong(7), longOrNull(rs, 8)), taskId);
    }

    // ---- workers -------------------------------------------------------------------------

    private static final String WORKER_COLUMNS = "id, hostname, capabilities, cpus, memory_bytes, access_mode, provider, slots, status, registered_at, last_heartbeat, version";

    @Override
    public void saveWorker(WorkerRow w) {
        String caps = String.join(",", w.capabilities());
        int n = update("UPDATE workers SET hostname=?, capabilities=?, cpus=?, memory_bytes=?, access_mode=?, provider=?, slots=?, status=?,"
                        + " registered_at=?, last_heartbeat=?, version=version+1 WHERE id=?",
                w.hostname(), caps, w.cpus(), w.memoryBytes(), w.accessMode(), w.provider(), w.slots(), w.status().name(),
                w.registeredAt(), w.lastHeartbeat(), w.id());
        if (n == 0) {
            update("INSERT INTO workers (" + WORKER_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", w.id(), w.hostname(), caps, w.cpus(),
                    w.memoryBytes(), w.accessMode(), w.provider(), w.slots(), w.status().name(), w.registeredAt(), w.lastHeartbeat(), 0L);
        }
    }

    @Override
    public List<WorkerRow> workers() {
        return query("SELECT " + WORKER_COLUMNS + " FROM workers ORDER BY id", JdbcStateStore::workerRow);
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
    public void appendOutput(OutputChunk c) {
        update("INSERT INTO output_chunks (task_id, seq, attempt, worker_seq, stream, data, at) VALUES (?,?,?,?,?,?,?)",
                c.taskId(), c.seq(), c.attempt(), c.workerSeq(), c.stream().name(), c.data(), c.at());
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
    public void close() { pool.close(); }

    // ---- JDBC plumbing -------------------------------------------------------------------

    private interface Row<T> { T map(ResultSet rs) throws SQLException; }

    /** The thread's batch connection, or a pooled auto-commit one; only the latter is closed after use. */
    private Connection connection() throws SQLException {
        Connection c = batch.get();
        return c != null ? new Borrowed(c).proxy() : pool.getConnection();
    }

    private int update(String sql, Object... args) {
        if (fence != null && batch.get() == null) {
            // A fenced writer never writes outside a checked transaction.
            begin();
            int n = update(sql, args);
            commit();
            return n;
        }
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    private <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(row.map(rs));
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) ps.setNull(i + 1, Types.NULL);
            else ps.setObject(i + 1, a);
        }
    }

    private static Integer intOrNull(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /** Wraps the batch connection so try-with-resources does not close it. */
    private record Borrowed(Connection target) {
        Connection proxy() {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (p, m, args) -> m.getName().equals("close") ? null : invoke(m, args));
        }

        private Object invoke(java.lang.reflect.Method m, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** A commit refused because another replica took the lease over: the writer is no longer the leader. */
    public static final class FencedException extends RuntimeException {
        FencedException(String lease, long ours, long current) {
            super("fenced: lease '" + lease + "' is at fencing " + current + ", this writer holds " + ours + "; its batch was rolled back");
        }
    }

    /** A store failure; carries the statement (never its arguments, which may hold user data). */
    public static final class StoreException extends RuntimeException {
        StoreException(String sql, SQLException cause) { super("store: " + cause.getMessage() + " in: " + sql, cause); }
    }
}
