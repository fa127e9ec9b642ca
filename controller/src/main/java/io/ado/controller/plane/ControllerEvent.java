package io.ado.controller.plane;

import io.ado.controller.state.TaskRecord;
import io.ado.protocol.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every system event the control plane raises, one record per kind. {@link #toWire} is the one
 * place that names them and shapes their data: clients see exactly these type strings and keys.
 */
public sealed interface ControllerEvent {
    long at();

    record WorkerRegistered(String workerId, boolean reconnected, int kept, long at) implements ControllerEvent {}
    record WorkerDisconnected(String workerId, long at) implements ControllerEvent {}
    record WorkerUnhealthy(String workerId, String reason, long at) implements ControllerEvent {}
    record WorkerRecovered(String workerId, long at) implements ControllerEvent {}
    record WorkerUnregistered(String workerId, String reason, long at) implements ControllerEvent {}
    record WorkerDraining(String workerId, long at) implements ControllerEvent {}
    /** A register refused for its credentials (wrong, used, expired or another worker's join token; none on a join-only connection). */
    record WorkerJoinRefused(String workerId, String reason, long at) implements ControllerEvent {}
    record WorkerHighCpu(String workerId, double cpuUsage, long at) implements ControllerEvent {}
    record WorkerHighMemory(String workerId, double memoryUsage, long at) implements ControllerEvent {}
    /** Seed 000's {@code {requested, spawned}}, once every requested worker was spawned or failed to be. */
    record ScaledUp(int requested, int spawned, String reason, long at) implements ControllerEvent {}
    /** Seed 000's {@code {requested, terminated}}, once every retired worker was terminated or failed to be. */
    record ScaledDown(int requested, int terminated, String reason, long at) implements ControllerEvent {}
    record WorkerSpawnFailed(String workerId, String reason, long at) implements ControllerEvent {}
    record TaskCreated(String taskId, long at) implements ControllerEvent {}
    /** The task's status moved to scheduled, running or pending (its record says which). */
    record TaskStatusChanged(TaskRecord task, long at) implements ControllerEvent {}
    record TaskRetrying(TaskRecord task, long at) implements ControllerEvent {}
    record TaskCompleted(TaskRecord task, long at) implements ControllerEvent {}
    record TaskFailed(TaskRecord task, long at) implements ControllerEvent {}
    record TaskCancelled(TaskRecord task, long at) implements ControllerEvent {}
    record TaskRebalanced(String taskId, String from, String to, int attempt, long at) implements ControllerEvent {}
    record TaskStaleReport(String taskId, int attempt, String workerId, long at) implements ControllerEvent {}

    /** The event for a task that reached a final state. */
    static ControllerEvent ended(TaskRecord t, long at) {
        return switch (t.status()) {
            case COMPLETED -> new TaskCompleted(t, at);
            case FAILED -> new TaskFailed(t, at);
            case CANCELLED -> new TaskCancelled(t, at);
            default -> throw new IllegalArgumentException("task " + t.id() + " has not ended: " + t.status().wireName());
        };
    }

    static Event toWire(ControllerEvent e) {
        return switch (e) {
            case WorkerRegistered w -> new Event("worker.registered", w.at(), Map.of("workerId", w.workerId(), "reconnected", w.reconnected(), "kept", w.kept()));
            case WorkerDisconnected w -> new Event("worker.disconnected", w.at(), Map.of("workerId", w.workerId()));
            case WorkerUnhealthy w -> new Event("worker.unhealthy", w.at(), Map.of("workerId", w.workerId(), "reason", w.reason()));
            case WorkerRecovered w -> new Event("worker.recovered", w.at(), Map.of("workerId", w.workerId()));
            case WorkerUnregistered w -> new Event("worker.unregistered", w.at(), Map.of("workerId", w.workerId(), "reason", w.reason()));
            case WorkerDraining w -> new Event("worker.draining", w.at(), Map.of("workerId", w.workerId()));
            case WorkerJoinRefused w -> new Event("worker.join_refused", w.at(), Map.of("workerId", w.workerId(), "reason", w.reason()));
            case WorkerHighCpu w -> new Event("worker.high_cpu", w.at(), Map.of("workerId", w.workerId(), "cpuUsage", w.cpuUsage()));
            case WorkerHighMemory w -> new Event("worker.high_memory", w.at(), Map.of("workerId", w.workerId(), "memoryUsage", w.memoryUsage()));
            case ScaledUp u -> new Event("scaling.scale_up", u.at(), Map.of("requested", u.requested(), "spawned", u.spawned(), "reason", u.reason()));
            case ScaledDown d -> new Event("scaling.scale_down", d.at(), Map.of("requested", d.requested(), "terminated", d.terminated(), "reason", d.reason()));
            case WorkerSpawnFailed w -> new Event("worker.spawn_failed", w.at(), Map.of("workerId", w.workerId(), "reason", w.reason()));
            case TaskCreated t -> new Event("task.created", t.at(), Map.of("taskId", t.taskId()));
            case TaskStatusChanged t -> task("task." + t.task().status().wireName(), t.task(), t.at());
            case TaskRetrying t -> task("task.retrying", t.task(), t.at());
            case TaskCompleted t -> task("task.completed", t.task(), t.at());
            case TaskFailed t -> task("task.failed", t.task(), t.at());
            case TaskCancelled t -> task("task.cancelled", t.task(), t.at());
            case TaskRebalanced t -> new Event("task.rebalanced", t.at(), Map.of("taskId", t.taskId(), "from", t.from(), "to", t.to(), "attempt", t.attempt()));
            case TaskStaleReport t -> new Event("task.stale_report", t.at(), Map.of("taskId", t.taskId(), "attempt", t.attempt(), "workerId", t.workerId()));
        };
    }

    private static Event task(String type, TaskRecord t, long at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskId", t.id());
        m.put("status", t.status().wireName());
        m.put("attempt", t.attempt());
        if (t.workerId() != null) m.put("workerId", t.workerId());
        if (t.exitCode() != null) m.put("exitCode", t.exitCode());
        if (t.error() != null) m.put("error", t.error());
        return new Event(type, at, m);
    }
}
