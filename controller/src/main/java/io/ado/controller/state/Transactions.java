package io.ado.controller.state;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The JDBC store's transactions: each thread's open {@link Batch}, its begin, commit and rollback,
 * and the lease fencing check inside the commit's own transaction. A read inside a batch first
 * sends what is pending, so the batch reads its own writes; a write outside a batch is its own
 * transaction, on disk before it returns.
 */
final class Transactions {
    private final HikariDataSource pool;
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();
    private final Set<Batch> open = ConcurrentHashMap.newKeySet(); // every thread's open batch
    private final String lockShared;
    private volatile Fence fence;

    /** Commits must find lease {@code name} still at {@code fencing}. */
    private record Fence(String name, long fencing) {}

    Transactions(HikariDataSource pool) {
        this.pool = pool;
        // A shared lock lets a takeover (UPDATE leases) wait for a commit in flight, not the other way round.
        this.lockShared = pool.getJdbcUrl().startsWith("jdbc:postgresql:") ? "FOR SHARE" : "FOR UPDATE";
    }

    /** The calling thread's open batch, or null. */
    Batch current() { return batch.get(); }

    void begin() {
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

    void fence(String lease, long fencing) { this.fence = new Fence(lease, fencing); }

    void commit() {
        Batch b = detach();
        if (b == null) return;
        Connection c = b.connection;
        try {
            if (b.failure != null) throw b.failure;
            Fence f = fence;
            if (f != null) checkFence(c, f);
            BatchWriter.send(c, b.writes);
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
    void rollback() {
        Batch b = detach();
        if (b != null) discard(b.connection);
    }

    /** Rolls back every thread's open batch (see {@link JdbcStateStore#abandonBatches()}). */
    void abandonAll() {
        for (Batch b : List.copyOf(open)) {
            open.remove(b);
            discard(b.connection);
        }
    }

    /** Applies a write to the open batch, or, without one, in a transaction of its own. */
    void write(Consumer<PendingWrites> change) {
        inBatch(b -> {
            change.accept(b.writes);
            return null;
        });
    }

    /** Runs {@code work} on the calling thread's open batch, or, without one, in a transaction of its own. */
    <T> T inBatch(Function<Batch, T> work) {
        Batch b = batch.get();
        if (b != null) return work.apply(b);
        begin();
        try {
            return work.apply(batch.get());
        } finally {
            commit();
        }
    }

    /** A statement on the batch's connection; a failure leaves the batch able only to roll back. */
    static void update(Batch b, String sql, Object... args) {
        try (PreparedStatement ps = b.connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            b.failure = new StoreException(sql, e);
            throw b.failure;
        }
    }

    /** Reads on the thread's batch (after sending its pending writes), else on a pooled auto-commit connection. */
    <T> List<T> query(String sql, Rows.Row<T> row, Object... args) {
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

    /** Before a read inside a batch: send what is pending so the read sees it. */
    private static void sendForRead(Batch b) {
        if (b.failure != null) throw b.failure;
        try {
            BatchWriter.send(b.connection, b.writes);
        } catch (SQLException e) {
            b.failure = new StoreException("send", e);
            throw b.failure;
        } catch (RuntimeException e) {
            b.failure = e;
            throw e;
        }
    }

    /** Takes the calling thread's batch (or null) off the books; the caller ends it. */
    private Batch detach() {
        Batch b = batch.get();
        if (b == null) return null;
        batch.remove();
        open.remove(b);
        return b;
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
}
