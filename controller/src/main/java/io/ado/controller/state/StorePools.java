package io.ado.controller.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/** The JDBC store's connection pools, one per kind of database, each migrated by Flyway before it is used. */
final class StorePools {
    private StorePools() {}

    /**
     * SQLite file {@code ado.db} in {@code dir}, in WAL mode with {@code synchronous=NORMAL}: a
     * commit is in the write-ahead log before we answer.
     */
    static HikariDataSource sqlite(Path dir) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:sqlite:" + dir.toAbsolutePath().resolve("ado.db"));
        cfg.addDataSourceProperty("journal_mode", "WAL");
        cfg.addDataSourceProperty("synchronous", "NORMAL");
        cfg.addDataSourceProperty("busy_timeout", "10000");
        cfg.setConnectionInitSql("PRAGMA wal_autocheckpoint=0"); // checkpoints run in the background (WalCheckpointer)
        cfg.setMaximumPoolSize(4);
        cfg.setPoolName("ado-store");
        return migrated(new HikariDataSource(cfg));
    }

    /** An H2 file database in {@code dir}. */
    static HikariDataSource h2(Path dir) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath().resolve("ado") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0");
        cfg.setUsername("sa");
        cfg.setMaximumPoolSize(4);
        cfg.setPoolName("ado-store");
        return migrated(new HikariDataSource(cfg));
    }

    /**
     * A database server (PostgreSQL in production), reached and migrated at once.
     *
     * @throws IllegalStateException naming the URL and user (never the password) when the
     *     database cannot be reached, refuses the credentials or cannot be migrated
     */
    static HikariDataSource server(String jdbcUrl, String user, String password) {
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
        try {
            return migrated(new HikariDataSource(cfg));
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            throw new IllegalStateException("cannot open the state store at " + jdbcUrl + " as user '" + user + "': "
                    + root.getMessage(), e);
        }
    }

    /** Runs the migrations on {@code pool}; on failure closes it: nothing may keep the database open after a failed start. */
    private static HikariDataSource migrated(HikariDataSource pool) {
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
