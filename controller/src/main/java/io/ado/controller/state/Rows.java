package io.ado.controller.state;

import io.ado.protocol.Json;
import io.ado.protocol.OutputStream;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

/**
 * The JDBC store's records as rows: the column lists its reads select (in the order the mappers
 * read them), the statements its writes send and the binder that fills each table's statements.
 */
final class Rows {
    private Rows() {}

    /** Maps the current row of a result set to a record. */
    interface Row<T> { T map(ResultSet rs) throws SQLException; }

    /** Fills the parameters of a statement from a record. */
    interface Binder<T> { void bind(PreparedStatement ps, T row) throws SQLException; }

    static final String TASK_COLUMNS = "id, spec, status, attempt, max_retries, worker_id, exit_code, error, created_at, started_at, finished_at, version";
    static final String WORKER_COLUMNS = "id, hostname, capabilities, cpus, memory_bytes, access_mode, provider, slots, status, registered_at, last_heartbeat, version";

    // Each INSERT lists the UPDATE's columns first, in the UPDATE's order (the row's key last), then what only
    // it sets: one binder per table fills both, and the INSERT's extra columns follow.
    static final String UPDATE_TASK = "UPDATE tasks SET status=?, attempt=?, worker_id=?, exit_code=?, error=?, started_at=?,"
            + " finished_at=?, version=? WHERE id=? AND version=?";
    static final String INSERT_TASK = "INSERT INTO tasks (status, attempt, worker_id, exit_code, error, started_at, finished_at,"
            + " version, id, spec, max_retries, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
    static final String UPDATE_ATTEMPT = "UPDATE attempts SET worker_id=?, status=?, exit_code=?, error=?, started_at=?, finished_at=?"
            + " WHERE task_id=? AND attempt=?";
    static final String INSERT_ATTEMPT = "INSERT INTO attempts (worker_id, status, exit_code, error, started_at, finished_at,"
            + " task_id, attempt) VALUES (?,?,?,?,?,?,?,?)";
    static final String UPDATE_WORKER = "UPDATE workers SET hostname=?, capabilities=?, cpus=?, memory_bytes=?, access_mode=?, provider=?,"
            + " slots=?, status=?, registered_at=?, last_heartbeat=?, version=version+1 WHERE id=?";
    static final String INSERT_WORKER = "INSERT INTO workers (hostname, capabilities, cpus, memory_bytes, access_mode, provider, slots,"
            + " status, registered_at, last_heartbeat, id, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,0)";
    static final String JOIN_TOKEN_COLUMNS = "token_hash, worker_id, created_at, expires_at, used_at";
    static final String INSERT_JOIN_TOKEN = "INSERT INTO join_tokens (" + JOIN_TOKEN_COLUMNS + ") VALUES (?,?,?,?,?)";
    static final String USE_JOIN_TOKEN = "UPDATE join_tokens SET used_at=? WHERE token_hash=?";
    static final String DELETE_JOIN_TOKENS = "DELETE FROM join_tokens WHERE expires_at<?";
    static final String SAVE_RECONNECT_HASH = "UPDATE workers SET reconnect_hash=? WHERE id=?";
    static final String INSERT_OUTPUT = "INSERT INTO output_chunks (task_id, seq, attempt, worker_seq, stream, data, at) VALUES (?,?,?,?,?,?,?)";

    // ---- tasks ---------------------------------------------------------------------------

    /** A row of {@link #TASK_COLUMNS}. */
    static TaskRecord task(ResultSet rs) throws SQLException {
        return new TaskRecord(rs.getString(1), Json.read(rs.getString(2), TaskSpec.class), TaskStatus.valueOf(rs.getString(3)),
                rs.getInt(4), rs.getInt(5), rs.getString(6), intOrNull(rs, 7), rs.getString(8), rs.getLong(9),
                longOrNull(rs, 10), longOrNull(rs, 11), rs.getLong(12));
    }

    /** {@link #INSERT_TASK}: the shared columns, then what only an insert sets. */
    static void insertTask(PreparedStatement ps, PendingWrites.TaskWrite t) throws SQLException {
        bindTask(ps, t.row());
        ps.setString(10, Json.write(t.row().spec()));
        ps.setInt(11, t.row().maxRetries());
        ps.setLong(12, t.row().createdAt());
    }

    /** {@link #UPDATE_TASK}: the shared columns, then the version the update must find stored. */
    static void updateTask(PreparedStatement ps, PendingWrites.TaskWrite t) throws SQLException {
        bindTask(ps, t.row());
        ps.setLong(10, t.expectedVersion());
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

    // ---- attempts ------------------------------------------------------------------------

    /** A row of {@code task_id, attempt, worker_id, status, exit_code, error, started_at, finished_at}. */
    static AttemptRecord attempt(ResultSet rs) throws SQLException {
        return new AttemptRecord(rs.getString(1), rs.getInt(2), rs.getString(3), TaskStatus.valueOf(rs.getString(4)),
                intOrNull(rs, 5), rs.getString(6), rs.getLong(7), longOrNull(rs, 8));
    }

    /** Both attempt statements. */
    static void bindAttempt(PreparedStatement ps, AttemptRecord a) throws SQLException {
        ps.setString(1, a.workerId());
        ps.setString(2, a.status().name());
        setInt(ps, 3, a.exitCode());
        ps.setString(4, a.error());
        ps.setLong(5, a.startedAt());
        setLong(ps, 6, a.finishedAt());
        ps.setString(7, a.taskId());
        ps.setInt(8, a.attempt());
    }

    // ---- workers -------------------------------------------------------------------------

    /** A row of {@link #WORKER_COLUMNS}. */
    static WorkerRow worker(ResultSet rs) throws SQLException {
        String caps = rs.getString(3);
        return new WorkerRow(rs.getString(1), rs.getString(2), caps.isEmpty() ? List.of() : Arrays.asList(caps.split(",")),
                rs.getInt(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getInt(8), WorkerStatus.valueOf(rs.getString(9)),
                rs.getLong(10), rs.getLong(11), rs.getLong(12));
    }

    /** Both worker statements (an insert starts at version 0, an update bumps it in SQL). */
    static void bindWorker(PreparedStatement ps, WorkerRow w) throws SQLException {
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

    // ---- join tokens ---------------------------------------------------------------------

    /** A row of {@link #JOIN_TOKEN_COLUMNS}. */
    static JoinTokenRecord joinToken(ResultSet rs) throws SQLException {
        return new JoinTokenRecord(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), longOrNull(rs, 5));
    }

    static void bindJoinToken(PreparedStatement ps, JoinTokenRecord t) throws SQLException {
        ps.setString(1, t.tokenHash());
        ps.setString(2, t.workerId());
        ps.setLong(3, t.createdAt());
        ps.setLong(4, t.expiresAt());
        setLong(ps, 5, t.usedAt());
    }

    // ---- output --------------------------------------------------------------------------

    /** A row of {@code task_id, seq, attempt, worker_seq, stream, data, at}. */
    static OutputChunk output(ResultSet rs) throws SQLException {
        return new OutputChunk(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), OutputStream.valueOf(rs.getString(5)),
                rs.getString(6), rs.getLong(7));
    }

    static void bindOutput(PreparedStatement ps, OutputChunk c) throws SQLException {
        ps.setString(1, c.taskId());
        ps.setLong(2, c.seq());
        ps.setInt(3, c.attempt());
        ps.setLong(4, c.workerSeq());
        ps.setString(5, c.stream().name());
        ps.setString(6, c.data());
        ps.setLong(7, c.at());
    }

    // ---- nullable columns ----------------------------------------------------------------

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
}
