package io.ado.controller.registry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registered workers by id. Not thread-safe on purpose: it belongs to the control plane
 * process, which handles one message at a time.
 */
public final class WorkerRegistry {
    private final Map<String, WorkerEntry> workers = new LinkedHashMap<>();

    public void put(WorkerEntry e) { workers.put(e.id(), e); }

    public Optional<WorkerEntry> lookup(String id) { return Optional.ofNullable(workers.get(id)); }

    /** Removes the worker; the caller hands its running attempts back and records the reason. */
    public Optional<WorkerEntry> unregister(String id) { return Optional.ofNullable(workers.remove(id)); }

    public Collection<WorkerEntry> all() { return List.copyOf(workers.values()); }

    public int size() { return workers.size(); }
}
