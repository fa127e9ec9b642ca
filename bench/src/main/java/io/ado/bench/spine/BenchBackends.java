package io.ado.bench.spine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The store a benchmark run uses, as the environment of the controller under test. For
 * {@code --store postgres}: the server of ADO_PG_URL / ADO_PG_USER / ADO_PG_PASSWORD (default the
 * local {@code test} database as postgres) in a fresh schema dropped afterwards, and Redis at
 * ADO_REDIS_URL (default 127.0.0.1:6379) with a fresh prefix. The variables are the ones every ado
 * jar so far understands (the short aliases and {@code ADO_DISTRIBUTED_CONTROLLER_*}), so an older
 * jar gets the same store.
 */
record BenchBackends(String state, String events, Map<String, String> env, String baseUrl, String schema) implements AutoCloseable {

    static BenchBackends embedded() { return new BenchBackends("embedded", "local", Map.of(), null, null); }

    static BenchBackends postgres() {
        String base = env("ADO_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String schema = "ado_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        exec(base, "CREATE SCHEMA " + schema);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ADO_DISTRIBUTED_CONTROLLER_STATE", "postgres");
        env.put("ADO_PG_URL", base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        env.put("ADO_PG_USER", env("ADO_PG_USER", "postgres"));
        env.put("ADO_PG_PASSWORD", env("ADO_PG_PASSWORD", ""));
        env.put("ADO_DISTRIBUTED_CONTROLLER_EVENTS", "redis");
        env.put("ADO_REDIS_URL", env("ADO_REDIS_URL", "redis://127.0.0.1:6379"));
        env.put("ADO_DISTRIBUTED_CONTROLLER_REDIS_PREFIX", schema + ":");
        return new BenchBackends("postgres", "redis", Map.copyOf(env), base, schema);
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
