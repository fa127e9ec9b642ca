package io.ado.controller.state;

import java.sql.Connection;

/** One thread's open transaction and the writes not yet sent on it. */
final class Batch {
    final Connection connection;
    final PendingWrites writes = new PendingWrites();
    RuntimeException failure; // a send that failed mid-batch: the batch can only roll back

    Batch(Connection connection) { this.connection = connection; }
}
