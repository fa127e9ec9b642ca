package io.ado.controller.state;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file database. */
class H2StateStoreTest extends StateStoreContract {
    @TempDir Path dir;

    @Override
    StateStore open() { return JdbcStateStore.embedded(dir); }

    @Override
    StateStore reopen() { return JdbcStateStore.embedded(dir); }
}
