package io.ado.controller.balancer;

import io.ado.controller.registry.WorkerEntry;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 000's {@code rebalance}: a worker whose load is above 1.5 × the average hands movable
 * tasks to workers below 0.5 × the average that have the capabilities (and the group, and a free
 * slot), until it is down to the average. Which tasks are movable is the caller's call (the
 * control plane offers only tasks assigned but never started, so no running work is thrown
 * away). Pure: a function of the snapshot.
 */
public final class Rebalancer {
    /** A task's current attempt that may move, on the worker holding it. */
    public record Movable(String taskId, int attempt, TaskSpec spec) {}

    /** Take {@code taskId} (attempt {@code attempt}) away from {@code from} and place it on {@code to}. */
    public record Move(String taskId, int attempt, String from, String to) {}

    private Rebalancer() {}

    public static List<Move> plan(ClusterSnapshot snap, LoadBalancer balancer, Map<String, List<Movable>> movableByWorker) {
        List<WorkerEntry> healthy = snap.workers().stream()
                .filter(w -> w.status() == WorkerStatus.IDLE || w.status() == WorkerStatus.BUSY).toList();
        if (healthy.size() < 2) return List.of();
        Map<String, Integer> load = new HashMap<>();
        for (WorkerEntry w : healthy) load.put(w.id(), w.running().size());
        double avg = load.values().stream().mapToInt(Integer::intValue).average().orElse(0);
        if (avg == 0) return List.of();

        List<Move> moves = new ArrayList<>();
        Map<String, Set<String>> placed = new HashMap<>(); // groups this plan already moves onto each target
        List<WorkerEntry> sources = healthy.stream().filter(w -> load.get(w.id()) > avg * 1.5)
                .sorted(Comparator.comparingInt((WorkerEntry w) -> -load.get(w.id())).thenComparing(WorkerEntry::id)).toList();
        for (WorkerEntry source : sources) {
            for (Movable task : movableByWorker.getOrDefault(source.id(), List.of())) {
                if (load.get(source.id()) <= avg) break;
                WorkerEntry target = healthy.stream()
                        .filter(w -> !w.id().equals(source.id()) && load.get(w.id()) < avg * 0.5)
                        .filter(w -> w.hasCapabilities(task.spec().requiredCapabilities()))
                        .filter(w -> task.spec().group() == null || !(snap.runsGroup(w.id(), task.spec().group())
                                || placed.getOrDefault(w.id(), Set.of()).contains(task.spec().group())))
                        .filter(w -> load.get(w.id()) < balancer.capacity(w))
                        .max(Comparator.comparingDouble((WorkerEntry w) -> balancer.score(w, task.spec()))
                                .thenComparing(w -> -load.get(w.id()))
                                .thenComparing(WorkerEntry::id, Comparator.reverseOrder()))
                        .orElse(null);
                if (target == null) continue;
                moves.add(new Move(task.taskId(), task.attempt(), source.id(), target.id()));
                load.merge(source.id(), -1, Integer::sum);
                load.merge(target.id(), 1, Integer::sum);
                if (task.spec().group() != null) placed.computeIfAbsent(target.id(), k -> new HashSet<>()).add(task.spec().group());
            }
        }
        return moves;
    }
}
