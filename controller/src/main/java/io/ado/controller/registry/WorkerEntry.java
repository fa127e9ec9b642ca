package io.ado.controller.registry;

import io.ado.protocol.AttemptRef;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerStatus;
import io.ado.protocol.WorkerView;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One registered worker as the controller sees it right now. Immutable: the registry swaps
 * entries, so a snapshot handed to a pure decision never changes under it.
 * {@code statusSince} is when it became unhealthy or disconnected (the start of its grace period).
 */
public record WorkerEntry(String id, String hostname, List<String> capabilities, int cpus, long memoryBytes, String accessMode,
                          String provider, int slots, WorkerStatus status, long registeredAt, long lastHeartbeat,
                          long statusSince, Set<AttemptRef> running, double cpuPercent, double memoryPercent,
                          long succeeded, long failed, Map<String, String> metadata) {

    public WorkerEntry {
        capabilities = List.copyOf(capabilities);
        running = Set.copyOf(running);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Without metadata (a worker recovered from the store: it brings its metadata again when it registers). */
    public WorkerEntry(String id, String hostname, List<String> capabilities, int cpus, long memoryBytes, String accessMode, String provider, int slots,
                       WorkerStatus status, long registeredAt, long lastHeartbeat, long statusSince, Set<AttemptRef> running, double cpuPercent,
                       double memoryPercent, long succeeded, long failed) {
        this(id, hostname, capabilities, cpus, memoryBytes, accessMode, provider, slots, status, registeredAt, lastHeartbeat, statusSince, running,
                cpuPercent, memoryPercent, succeeded, failed, Map.of());
    }

    public static WorkerEntry registered(WorkerMessage.Register r, Set<AttemptRef> running, long now, WorkerEntry before) {
        long ok = before == null ? 0 : before.succeeded;
        long bad = before == null ? 0 : before.failed;
        long since = before == null ? now : before.registeredAt;
        return new WorkerEntry(r.workerId(), r.hostname(), r.capabilities(), r.cpus(), r.memoryBytes(), r.accessMode(), r.provider(),
                r.slots(), running.isEmpty() ? WorkerStatus.IDLE : WorkerStatus.BUSY, since, now, now, running, 0, 0, ok, bad, r.metadata());
    }

    public boolean isConnected() { return status != WorkerStatus.DISCONNECTED && status != WorkerStatus.OFFLINE; }

    /** Fraction of finished attempts that succeeded; 1.0 with no history, so a new worker is not penalised. */
    public double successRate() { return succeeded + failed == 0 ? 1.0 : (double) succeeded / (succeeded + failed); }

    public boolean hasCapabilities(List<String> required) { return capabilities.containsAll(required); }

    public WorkerEntry withStatus(WorkerStatus s, long now) {
        return new WorkerEntry(id, hostname, capabilities, cpus, memoryBytes, accessMode, provider, slots, s, registeredAt, lastHeartbeat,
                now, running, cpuPercent, memoryPercent, succeeded, failed, metadata);
    }

    public WorkerEntry heartbeat(long now, double cpu, double mem, boolean draining) {
        WorkerStatus s = draining || status == WorkerStatus.DRAINING ? WorkerStatus.DRAINING : loadStatus(running);
        return new WorkerEntry(id, hostname, capabilities, cpus, memoryBytes, accessMode, provider, slots, s, registeredAt, now,
                s == status ? statusSince : now, running, cpu, mem, succeeded, failed, metadata);
    }

    public WorkerEntry withRunning(Set<AttemptRef> now) {
        WorkerStatus s = (status == WorkerStatus.IDLE || status == WorkerStatus.BUSY) ? loadStatus(now) : status;
        return new WorkerEntry(id, hostname, capabilities, cpus, memoryBytes, accessMode, provider, slots, s, registeredAt, lastHeartbeat,
                statusSince, now, cpuPercent, memoryPercent, succeeded, failed, metadata);
    }

    public WorkerEntry plus(AttemptRef a) {
        Set<AttemptRef> r = new HashSet<>(running);
        r.add(a);
        return withRunning(r);
    }

    /** Removes a finished attempt and counts its outcome for the success rate. */
    public WorkerEntry minus(AttemptRef a, Boolean succeededOrNull) {
        Set<AttemptRef> r = new HashSet<>(running);
        r.remove(a);
        WorkerEntry e = withRunning(r);
        if (succeededOrNull == null) return e;
        return new WorkerEntry(id, hostname, capabilities, cpus, memoryBytes, accessMode, provider, slots, e.status, registeredAt,
                lastHeartbeat, statusSince, r, cpuPercent, memoryPercent, succeeded + (succeededOrNull ? 1 : 0), failed + (succeededOrNull ? 0 : 1),
                metadata);
    }

    private static WorkerStatus loadStatus(Set<AttemptRef> running) { return running.isEmpty() ? WorkerStatus.IDLE : WorkerStatus.BUSY; }

    public WorkerView view() {
        return new WorkerView(id, hostname, status, capabilities, cpus, memoryBytes, accessMode, provider, slots,
                running.stream().map(AttemptRef::taskId).sorted().toList(), cpuPercent, memoryPercent, successRate(), registeredAt, lastHeartbeat,
                metadata);
    }
}
