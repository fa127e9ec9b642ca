package io.ado.controller.lease;

import java.util.function.Function;

/** The stored lease row: read it under a lock, decide, write what the decision says, all in one transaction. */
public interface LeaseTable {
    LeaseDecision step(Function<LeaseRow, LeaseDecision> decide);

    /** Lets the lease lapse at once if {@code holder} still has it (a clean shutdown hands over without waiting for the TTL). */
    void release(String holder);
}
