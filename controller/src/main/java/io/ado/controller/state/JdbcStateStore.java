package io.ado.controller.state;

import com.zaxxer.hikari.HikariDataSource;
import io.ado.protocol.WorkerStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link StateStore} over JDBC with Flyway migrations. {@link #embedded(Path)} gives the default
 * SQLite file database; every statement is plain SQL that PostgreSQL (and H2) also run.
 *
 * <p>Writes are held in {@link PendingWrites} and sent at commit by {@link BatchWriter},
 * coalesced per row and as one JDBC batch per kind of statement; {@link Transactions} keeps each
 * thread's batch and checks the lease fencing at commit; {@link Rows} maps records to rows and
 * back; {@link StorePools} opens and migrates each kind of database.
 */
public final class JdbcStateStore implements StateStore {
    private final HikariDataSource pool;
    private final Transactions tx;
    private final AutoCloseable lock; // the embedded store's directory lock, else null
    private final WalCheckpointer checkpointer; // SQLite only, else null

    private JdbcStateStore(HikariDataSource pool, AutoCloseable lock, WalCheckpointer checkpointer) {
        this.pool = pool;
        this.tx = new Transactions(pool);
        this.lock = lock;
        this.checkpointer = checkpointer;
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
            } catch (IOException ignored) {
                // released with the process anyway
            }
            throw e;
        }
    }

    /** SQLite in {@code dir} without the directory lock: tests use it for a second writer on the same file. */
    static JdbcStateStore sqlite(Path dir, AutoCloseable lock) {
        HikariDataSource pool = StorePools.sqlite(dir);
        return new JdbcStateStore(pool, lock, new WalCheckpointer(pool));
    }

    /** An H2 database in {@code dir} (the embedded store of earlier versions; kept for {@code store.url: jdbc:h2:...} and its contract test). */
    static JdbcStateStore h2(Path dir) { return new JdbcStateStore(StorePools.h2(dir), null, null); }

    /**
     * A store on any JDBC database Flyway knows (PostgreSQL in production).
     *
     * @throws IllegalStateException naming the URL and user (never the password) when the
     *     database cannot be reached, refuses the credentials or cannot be migrated
     */
    public static JdbcStateStore of(String jdbcUrl, String user, String password) {
        return new JdbcStateStore(StorePools.server(jdbcUrl, user, password), null, null);
    }

    public DataSource dataSource() { return pool; }

    @Override public void begin() { tx.begin(); }

    @Override public void fence(String lease, long fencing) { tx.fence(lease, fencing); }

    @Override public void commit() { tx.commit(); }

    /** Drops the calling thread's batch: nothing of it is kept. */
    @Override public void rollback() { tx.rollback(); }

    /**
     * Rolls back every open batch: for a control plane that was killed mid-batch, whose thread
     * can no longer do it. Its connection would otherwise stay checked out with the transaction
     * (and its locks) open.
     */
    public void abandonBatches() { tx.abandonAll(); }

    // ---- tasks ---------------------------------------------------------------------------

    @Override
    public void createTask(TaskRecord t) { tx.write(w -> w.createTask(t)); }

    @Override
    public boolean updateTask(TaskRecord t) {
        Batch b = tx.current();
        if (b != null) return b.writes.updateTask(t);
        try {
            tx.write(w -> w.updateTask(t));
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    @Override
    public Optional<TaskRecord> task(String id) {
        return tx.query("SELECT " + Rows.TASK_COLUMNS + " FROM tasks WHERE id=?", Rows::task, id).stream().findFirst();
    }

    @Override
    public List<TaskRecord> tasks(boolean includeFinished, int limit) {
        String where = includeFinished ? "" : " WHERE status IN ('PENDING','SCHEDULED','RUNNING')";
        return tx.query("SELECT " + Rows.TASK_COLUMNS + " FROM tasks" + where + " ORDER BY created_at DESC, id DESC LIMIT ?",
                Rows::task, limit);
    }

    @Override
    public List<TaskRecord> unfinishedTasks() {
        return tx.query("SELECT " + Rows.TASK_COLUMNS + " FROM tasks WHERE status IN ('PENDING','SCHEDULED','RUNNING') ORDER BY created_at, id",
                Rows::task);
    }

    // ---- attempts ------------------------------------------------------------------------

    @Override
    public void createAttempt(AttemptRecord a) { tx.write(w -> w.createAttempt(a)); }

    @Override
    public void saveAttempt(AttemptRecord a) { tx.write(w -> w.saveAttempt(a)); }

    @Override
    public List<AttemptRecord> attempts(String taskId) {
        return tx.query("SELECT task_id, attempt, worker_id, status, exit_code, error, started_at, finished_at FROM attempts WHERE task_id=? ORDER BY attempt",
                Rows::attempt, taskId);
    }

    // ---- workers -------------------------------------------------------------------------

    @Override
    public void saveWorker(WorkerRow w) { tx.write(p -> p.saveWorker(w)); }

    @Override
    public List<WorkerRow> workers() {
        return tx.query("SELECT " + Rows.WORKER_COLUMNS + " FROM workers ORDER BY id", Rows::worker);
    }

    @Override
    public List<String> deleteOfflineWorkers(long seenBefore) {
        return tx.inBatch(b -> {
            String where = " FROM workers WHERE status='" + WorkerStatus.OFFLINE.name() + "' AND last_heartbeat<?";
            // The query sends the batch's pending writes first; the control plane is the only writer, so the DELETE
            // removes exactly the rows it listed.
            List<String> ids = tx.query("SELECT id" + where + " ORDER BY id", rs -> rs.getString(1), seenBefore);
            if (!ids.isEmpty()) Transactions.update(b, "DELETE" + where, seenBefore);
            return ids;
        });
    }

    @Override
    public Optional<WorkerRow> worker(String id) {
        return tx.query("SELECT " + Rows.WORKER_COLUMNS + " FROM workers WHERE id=?", Rows::worker, id).stream().findFirst();
    }

    // ---- join tokens and reconnect credentials --------------------------------------------

    @Override
    public void createJoinToken(JoinTokenRecord t) { tx.write(w -> w.createJoinToken(t)); }

    @Override
    public void useJoinToken(String tokenHash, long usedAt) { tx.write(w -> w.useJoinToken(tokenHash, usedAt)); }

    @Override
    public void deleteJoinTokens(long expiredBefore) { tx.write(w -> w.deleteJoinTokens(expiredBefore)); }

    @Override
    public List<JoinTokenRecord> joinTokens(long now) {
        return tx.query("SELECT " + Rows.JOIN_TOKEN_COLUMNS + " FROM join_tokens WHERE expires_at>? ORDER BY created_at, token_hash", Rows::joinToken, now);
    }

    @Override
    public void saveReconnectHash(String workerId, String hash) { tx.write(w -> w.saveReconnectHash(workerId, hash)); }

    @Override
    public Map<String, String> reconnectHashes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : tx.query("SELECT id, reconnect_hash FROM workers WHERE reconnect_hash IS NOT NULL AND status<>'"
                + WorkerStatus.OFFLINE.name() + "' ORDER BY id", rs -> Map.entry(rs.getString(1), rs.getString(2)))) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    // ---- output --------------------------------------------------------------------------

    @Override
    public void appendOutput(OutputChunk c) { tx.write(w -> w.appendOutput(c)); }

    @Override
    public List<OutputChunk> output(String taskId, long fromSeq, int limit) {
        return tx.query("SELECT task_id, seq, attempt, worker_seq, stream, data, at FROM output_chunks WHERE task_id=? AND seq>=? ORDER BY seq LIMIT ?",
                Rows::output, taskId, fromSeq, limit);
    }

    @Override
    public long lastSeq(String taskId) {
        return tx.query("SELECT COALESCE(MAX(seq), -1) FROM output_chunks WHERE task_id=?", rs -> rs.getLong(1), taskId).get(0);
    }

    @Override
    public long lastWorkerSeq(String taskId, int attempt) {
        return tx.query("SELECT COALESCE(MAX(worker_seq), -1) FROM output_chunks WHERE task_id=? AND attempt=?", rs -> rs.getLong(1), taskId, attempt).get(0);
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
}
