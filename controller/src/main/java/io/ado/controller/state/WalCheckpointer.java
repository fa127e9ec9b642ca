package io.ado.controller.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves SQLite's WAL checkpoints off the commit path. With automatic checkpoints, the commit
 * that crosses the threshold copies the log into the database file and syncs it on the control
 * plane's thread, now and then. Here the connections have {@code wal_autocheckpoint=0} and
 * this platform thread (a sync would pin a virtual thread's carrier) runs a PASSIVE checkpoint
 * every {@link #EVERY_MS}: the same kind SQLite runs automatically, so the log is reset under the
 * same conditions as by default, and it never blocks a writer.
 */
final class WalCheckpointer implements AutoCloseable {
    static final long EVERY_MS = 200;
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    private final DataSource pool;
    private final Thread thread;
    private volatile boolean running = true;

    WalCheckpointer(DataSource pool) {
        this.pool = pool;
        this.thread = Thread.ofPlatform().daemon().name("sqlite-checkpoint").start(this::run);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(EVERY_MS);
                checkpoint("PASSIVE");
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                if (running) log.warn("sqlite checkpoint failed (will retry): {}", e.getMessage());
            }
        }
    }

    /** Runs one checkpoint; returns the frames of the log it could not copy yet. */
    int checkpoint(String mode) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() ? rs.getInt(2) - rs.getInt(3) : 0; // (busy, frames in the log, frames checkpointed)
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
