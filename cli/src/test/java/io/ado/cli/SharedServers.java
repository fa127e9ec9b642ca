package io.ado.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real PostgreSQL and Redis on 127.0.0.1 (override with ADO_TEST_PG_URL, ADO_TEST_PG_USER,
 * ADO_TEST_PG_PASSWORD, ADO_TEST_REDIS_URL): a fresh schema and a unique Redis prefix per test,
 * and the {@code --set} flags that point an {@code ado controller} at them.
 */
final class SharedServers implements AutoCloseable {
    static final String PG = env("ADO_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("ADO_TEST_PG_USER", "postgres");
    static final String PASSWORD = env("ADO_TEST_PG_PASSWORD", "");
    static final String REDIS = env("ADO_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    final String schema = "ado_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String url = PG + (PG.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    final String prefix = "ado-it-" + UUID.randomUUID() + ":";

    SharedServers() { exec("CREATE SCHEMA " + schema); }

    List<String> controllerFlags() {
        String p = "distributed.controller.";
        // The password is no flag: Ado hands PASSWORD to every child as ADO_STORE_PASSWORD.
        return List.of("--set", p + "state=postgres", "--set", p + "postgres.url=" + url, "--set", p + "postgres.user=" + USER,
                "--set", p + "events=redis", "--set", p + "redis.url=" + REDIS,
                "--set", p + "redis.prefix=" + prefix);
    }

    /** Rows of a query in this schema, each row's columns joined by a space. */
    List<String> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(i > 1 ? " " : "").append(rs.getString(i));
                rows.add(b.toString());
            }
            return rows;
        }
    }

    @Override
    public void close() { exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); }

    private static void exec(String sql) {
        try (Connection c = DriverManager.getConnection(PG, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests at " + PG + ": " + e.getMessage(), e);
        }
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }
}
