package io.ado.controller.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("sqlite-checkpoint").unstarted(r));

    WalCheckpointer(DataSource pool) {
        this.pool = pool;
        timer.scheduleWithFixedDelay(this::run, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            checkpoint();
        } catch (SQLException | RuntimeException e) { // must not escape: a throwing task is never run again
            if (!timer.isShutdown()) log.warn("sqlite checkpoint failed (will retry): {}", e.getMessage());
        }
    }

    /** Copies as much of the log into the database file as no reader still needs. */
    private void checkpoint() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS); // a checkpoint in progress ends before the pool closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
