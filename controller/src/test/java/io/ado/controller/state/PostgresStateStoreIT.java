package io.ado.controller.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store contract on a real PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth:
 * what {@code .ci/services} starts). Each test gets its own schema and drops it afterwards.
 */
class PostgresStateStoreIT extends StateStoreContract {
    static final String URL = System.getProperty("ado.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
    String schema;

    @BeforeEach
    void createSchema() throws Exception {
        schema = "ado_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Override
    StateStore open() { return JdbcStateStore.of(URL + "?currentSchema=" + schema, "postgres", ""); }
}
