package io.ado.controller.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL on 127.0.0.1 that `.ci/run` makes sure of (override with ADO_TEST_PG_URL,
 * ADO_TEST_PG_USER, ADO_TEST_PG_PASSWORD). Each test gets its own schema, dropped afterwards.
 */
public final class Postgres {
    public static final String BASE_URL = env("ADO_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("ADO_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("ADO_TEST_PG_PASSWORD", "");

    private Postgres() {}

    /** A new empty schema; returns a JDBC URL whose current schema it is. */
    public static String freshSchemaUrl() {
        String schema = "ado_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec("CREATE SCHEMA " + schema);
        return BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void dropSchemaOf(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void exec(String sql) {
        try (Connection c = DriverManager.getConnection(BASE_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests at " + BASE_URL + ": " + e.getMessage(), e);
        }
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }
}
