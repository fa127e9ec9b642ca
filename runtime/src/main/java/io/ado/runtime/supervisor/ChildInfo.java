package io.ado.runtime.supervisor;

import io.ado.runtime.ProcessRef;

/** One row of {@code whichChildren}: {@code ref} is null when the child is not running. */
public record ChildInfo(String id, ProcessRef ref, RestartType restart, boolean isSupervisor) {
    public boolean running() { return ref != null; }
}
