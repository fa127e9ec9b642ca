package io.ado.controller.plane;

import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the control plane looked like after a tick's rounds, published for readers on other
 * threads (metrics gauges, the task view's pending reason) so they never call into the plane.
 *
 * @param tasks unfinished tasks by status
 * @param workers registered workers by status
 * @param heartbeatLagMs the longest time since a connected worker's last heartbeat
 * @param pendingReasons why queued tasks wait, by what placement looks at (capabilities and group)
 */
public record PlaneSnapshot(long at, Map<TaskStatus, Integer> tasks, int queued, Map<WorkerStatus, Integer> workers, long heartbeatLagMs,
                            Map<Shape, String> pendingReasons) {
    public static final PlaneSnapshot EMPTY = new PlaneSnapshot(0, Map.of(), 0, Map.of(), 0, Map.of());

    public PlaneSnapshot {
        tasks = tasks.isEmpty() ? Map.of() : new EnumMap<>(tasks);
        workers = workers.isEmpty() ? Map.of() : new EnumMap<>(workers);
        pendingReasons = Map.copyOf(pendingReasons);
    }

    /** The part of a task placement depends on besides the fleet: tasks of one shape wait for the same reason. */
    public record Shape(List<String> capabilities, String group) {
        public static Shape of(TaskSpec spec) { return new Shape(spec.requiredCapabilities(), spec.group()); }
    }

    /** Why a pending task of this spec waits, or null when the last tick found none (or none was pending then). */
    public String pendingReason(TaskSpec spec) { return pendingReasons.get(Shape.of(spec)); }

    public int tasks(TaskStatus status) { return tasks.getOrDefault(status, 0); }

    public int workers(WorkerStatus status) { return workers.getOrDefault(status, 0); }
}
