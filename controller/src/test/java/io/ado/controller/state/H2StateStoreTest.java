package io.ado.controller.state;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file database (what {@code store.url: jdbc:h2:...} gives). */
class H2StateStoreTest extends StateStoreContract {
    @TempDir Path dir;

    @Override
    StateStore open() { return JdbcStateStore.h2(dir); }

    @Override
    StateStore reopen() { return JdbcStateStore.h2(dir); }
}
