package io.ado.cli.bench;

import io.ado.controller.Backends;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The store a benchmark run uses. For {@code --store postgres}: the server of ADO_PG_URL /
 * ADO_PG_USER / ADO_PG_PASSWORD (default the local {@code test} database as postgres) in a fresh
 * schema dropped afterwards, and Redis at ADO_REDIS_URL (default 127.0.0.1:6379) with a fresh prefix.
 */
record BenchBackends(Backends backends, String baseUrl, String schema) implements AutoCloseable {

    static BenchBackends embedded() { return new BenchBackends(Backends.EMBEDDED, null, null); }

    static BenchBackends postgres() {
        String base = env("ADO_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String schema = "ado_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        exec(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new BenchBackends(Backends.postgresAndRedis(url, env("ADO_PG_USER", "postgres"), env("ADO_PG_PASSWORD", ""),
                env("ADO_REDIS_URL", "redis://127.0.0.1:6379"), schema + ":"), base, schema);
    }

    @Override
    public void close() {
        if (schema != null) exec(baseUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void exec(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, env("ADO_PG_USER", "postgres"), env("ADO_PG_PASSWORD", ""));
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("bench: PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }
}
