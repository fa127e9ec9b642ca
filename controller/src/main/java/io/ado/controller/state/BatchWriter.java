package io.ado.controller.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a batch's {@link PendingWrites} as one JDBC batch per kind of statement: on PostgreSQL a
 * handful of round trips per group commit instead of several per task. The optimistic locks are
 * checked on the update counts: a task update that finds another version stored fails the whole
 * transaction with {@link ConflictException}.
 */
final class BatchWriter {
    private BatchWriter() {}

    /** Sends what {@code w} holds on {@code c}, parents before children (tasks, attempts, workers, output, join tokens, credentials), then clears it. */
    static void send(Connection c, PendingWrites w) throws SQLException {
        if (w.isEmpty()) return;
        List<PendingWrites.TaskWrite> inserts = new ArrayList<>(), updates = new ArrayList<>();
        for (PendingWrites.TaskWrite t : w.tasks.values()) (t.insert() ? inserts : updates).add(t);
        run(c, Rows.INSERT_TASK, inserts, Rows::insertTask);
        int[] counts = run(c, Rows.UPDATE_TASK, updates, Rows::updateTask);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1) throw new ConflictException("task " + updates.get(i).row().id(), updates.get(i).expectedVersion());
        }

        // An attempt saved without knowing whether it exists: UPDATE, and INSERT the ones it found no row for.
        List<AttemptRecord> newAttempts = new ArrayList<>(), savedAttempts = new ArrayList<>();
        for (PendingWrites.AttemptWrite a : w.attempts.values()) (a.insert() ? newAttempts : savedAttempts).add(a.row());
        counts = run(c, Rows.UPDATE_ATTEMPT, savedAttempts, Rows::bindAttempt);
        for (int i = 0; i < counts.length; i++) if (counts[i] == 0) newAttempts.add(savedAttempts.get(i));
        run(c, Rows.INSERT_ATTEMPT, newAttempts, Rows::bindAttempt);

        List<WorkerRow> workers = new ArrayList<>(w.workers.values());
        counts = run(c, Rows.UPDATE_WORKER, workers, Rows::bindWorker);
        List<WorkerRow> newWorkers = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) if (counts[i] == 0) newWorkers.add(workers.get(i));
        run(c, Rows.INSERT_WORKER, newWorkers, Rows::bindWorker);

        run(c, Rows.INSERT_OUTPUT, w.output, Rows::bindOutput);

        // Join tokens: expired ones go first, then new ones, then the uses (of a token this batch may have inserted).
        if (w.deleteJoinTokensBefore != Long.MIN_VALUE) run(c, Rows.DELETE_JOIN_TOKENS, List.of(w.deleteJoinTokensBefore), (ps, before) -> ps.setLong(1, before));
        run(c, Rows.INSERT_JOIN_TOKEN, w.newJoinTokens, Rows::bindJoinToken);
        run(c, Rows.USE_JOIN_TOKEN, List.copyOf(w.usedJoinTokens.entrySet()), (ps, e) -> {
            ps.setLong(1, e.getValue());
            ps.setString(2, e.getKey());
        });
        // After the workers: the row a credential goes with exists by now.
        run(c, Rows.SAVE_RECONNECT_HASH, List.copyOf(w.reconnectHashes.entrySet()), (ps, e) -> {
            ps.setString(1, e.getValue());
            ps.setString(2, e.getKey());
        });
        w.clear();
    }

    /** One JDBC batch of {@code sql} over {@code rows}; the update count of each row. */
    private static <T> int[] run(Connection c, String sql, List<T> rows, Rows.Binder<T> binder) throws SQLException {
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
}
