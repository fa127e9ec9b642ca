package io.ado.controller.balancer;

import io.ado.controller.registry.WorkerEntry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An immutable view of the workers for one round of placement. */
public record ClusterSnapshot(List<WorkerEntry> workers) {
    public ClusterSnapshot { workers = List.copyOf(workers); }

    public static ClusterSnapshot of(Collection<WorkerEntry> workers) { return new ClusterSnapshot(List.copyOf(workers)); }

    /** The same snapshot with one worker replaced (after a placement in the same round). */
    public ClusterSnapshot with(WorkerEntry changed) {
        Map<String, WorkerEntry> m = new LinkedHashMap<>();
        for (WorkerEntry w : workers) m.put(w.id(), w);
        m.put(changed.id(), changed);
        return new ClusterSnapshot(List.copyOf(m.values()));
    }
}
