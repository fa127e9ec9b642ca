package io.ado.controller.balancer;

import io.ado.controller.registry.WorkerEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable view of the workers for one round of placement, with the task groups each
 * worker is running (for group anti-affinity).
 */
public record ClusterSnapshot(List<WorkerEntry> workers, Map<String, Set<String>> groupsByWorker) {
    public ClusterSnapshot {
        workers = List.copyOf(workers);
        Map<String, Set<String>> copy = new HashMap<>();
        groupsByWorker.forEach((w, g) -> copy.put(w, Set.copyOf(g)));
        groupsByWorker = Map.copyOf(copy);
    }

    public static ClusterSnapshot of(Collection<WorkerEntry> workers) { return new ClusterSnapshot(List.copyOf(workers), Map.of()); }

    public static ClusterSnapshot of(Collection<WorkerEntry> workers, Map<String, Set<String>> groupsByWorker) {
        return new ClusterSnapshot(List.copyOf(workers), groupsByWorker);
    }

    public boolean runsGroup(String workerId, String group) { return groupsByWorker.getOrDefault(workerId, Set.of()).contains(group); }

    /** The same snapshot with one worker replaced (after a placement in the same round), now also running {@code group}. */
    public ClusterSnapshot with(WorkerEntry changed, String group) {
        Map<String, WorkerEntry> m = new LinkedHashMap<>();
        for (WorkerEntry w : workers) m.put(w.id(), w);
        m.put(changed.id(), changed);
        Map<String, Set<String>> g = new HashMap<>(groupsByWorker);
        if (group != null) {
            Set<String> s = new HashSet<>(g.getOrDefault(changed.id(), Set.of()));
            s.add(group);
            g.put(changed.id(), s);
        }
        return new ClusterSnapshot(List.copyOf(m.values()), g);
    }

    public ClusterSnapshot with(WorkerEntry changed) { return with(changed, null); }
}
