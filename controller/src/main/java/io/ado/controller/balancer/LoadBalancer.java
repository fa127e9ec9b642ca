package io.ado.controller.balancer;

import io.ado.controller.registry.WorkerEntry;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerStatus;
import java.util.Comparator;
import java.util.List;

/**
 * Seed 000 placement: keep workers that have the task's capabilities and a free slot (idle, or
 * busy below {@code maxTasksPerWorker} and its own slots), then take the best score:
 * 100 + 50 for subscription access + 30 × (1 − utilization) + 20 for the preferred provider
 * + 20 × success rate. Ties go to the less loaded worker, then the smaller id, so a decision is repeatable.
 * A task with a {@code group} skips workers already running a task of that group.
 */
public record LoadBalancer(int maxTasksPerWorker) {

    public LoadBalancer {
        if (maxTasksPerWorker < 1) throw new IllegalArgumentException("maxTasksPerWorker: must be at least 1");
    }

    public Placement choose(ClusterSnapshot snapshot, TaskSpec task) {
        List<String> required = task.requiredCapabilities();
        if (snapshot.workers().stream().noneMatch(w -> w.hasCapabilities(required))) return new Placement.Queue("no worker has capabilities " + required);
        List<WorkerEntry> capable = snapshot.workers().stream()
                .filter(w -> w.hasCapabilities(required) && (task.group() == null || !snapshot.runsGroup(w.id(), task.group()))).toList();
        if (capable.isEmpty()) return new Placement.Queue("every capable worker already runs a task of group " + task.group());
        return capable.stream()
                .filter(this::available)
                .max(Comparator.comparingDouble((WorkerEntry w) -> score(w, task))
                        .thenComparing(w -> -w.running().size())
                        .thenComparing(WorkerEntry::id, Comparator.reverseOrder()))
                .<Placement>map(w -> new Placement.Assign(w.id(), score(w, task)))
                .orElseGet(() -> new Placement.Queue("all " + capable.size() + " capable workers are full or not healthy"));
    }

    public boolean available(WorkerEntry w) {
        boolean healthy = w.status() == WorkerStatus.IDLE || w.status() == WorkerStatus.BUSY;
        return healthy && w.running().size() < capacity(w);
    }

    public int capacity(WorkerEntry w) { return Math.min(w.slots(), maxTasksPerWorker); }

    public double utilization(WorkerEntry w) { return Math.min(1.0, (double) w.running().size() / capacity(w)); }

    public double score(WorkerEntry w, TaskSpec task) {
        double score = 100;
        if ("subscription".equals(w.accessMode())) score += 50;
        score += (1 - utilization(w)) * 30;
        if (task.agent() != null && task.agent().equals(w.provider())) score += 20;
        score += w.successRate() * 20;
        return score;
    }

    /** True when some worker could take some task right now; lets a long queue stop early. */
    public boolean anyFree(ClusterSnapshot snapshot) { return snapshot.workers().stream().anyMatch(this::available); }
}
