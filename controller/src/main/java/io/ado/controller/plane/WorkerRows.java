package io.ado.controller.plane;

import io.ado.controller.registry.WorkerEntry;
import io.ado.controller.state.WorkerRow;
import io.ado.protocol.WorkerStatus;
import java.util.Set;

/** Between the registry's entries and the store's rows, so that {@code registry} does not depend on {@code state}. */
final class WorkerRows {
    private WorkerRows() {}

    static WorkerRow row(WorkerEntry w) {
        return new WorkerRow(w.id(), w.hostname(), w.capabilities(), w.cpus(), w.memoryBytes(), w.accessMode(), w.provider(), w.slots(),
                w.status(), w.registeredAt(), w.lastHeartbeat(), 0);
    }

    /** A worker known from the store after a controller restart: disconnected until it comes back. */
    static WorkerEntry recovered(WorkerRow w, long disconnectedSince) {
        return new WorkerEntry(w.id(), w.hostname(), w.capabilities(), w.cpus(), w.memoryBytes(), w.accessMode(), w.provider(), w.slots(),
                WorkerStatus.DISCONNECTED, w.registeredAt(), w.lastHeartbeat(), disconnectedSince, Set.of(), 0, 0, 0, 0);
    }
}
