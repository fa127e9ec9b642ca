package io.ado.controller.balancer;

import io.ado.controller.registry.WorkerEntry;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerStatus;
import java.util.List;

/**
 * Seed 000 placement: keep workers that have the task's capabilities ({@link TaskSpec#requiredCapabilities()}:
 * a container task needs {@code container}, which a worker advertises only when its engine answered) and a free slot (idle, or
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
        // One pass, no streams: this runs for every placement.
        List<String> required = task.requiredCapabilities();
        boolean anyCapable = false;
        int capable = 0;
        WorkerEntry best = null;
        double bestScore = 0;
        for (WorkerEntry w : snapshot.workers()) {
            if (!w.hasCapabilities(required)) continue;
            anyCapable = true;
            if (task.group() != null && snapshot.runsGroup(w.id(), task.group())) continue;
            capable++;
            if (!available(w)) continue;
            double score = score(w, task);
            if (best == null || better(w, score, best, bestScore)) {
                best = w;
                bestScore = score;
            }
        }
        if (!anyCapable) return new Placement.Queue("no worker has capabilities " + required);
        if (capable == 0) return new Placement.Queue("every capable worker already runs a task of group " + task.group());
        if (best == null) return new Placement.Queue("all " + capable + " capable workers are full or not healthy");
        return new Placement.Assign(best.id(), bestScore);
    }

    /** Higher score first; on a tie the less loaded worker, then the smaller id. */
    private static boolean better(WorkerEntry w, double score, WorkerEntry best, double bestScore) {
        if (score != bestScore) return score > bestScore;
        if (w.running().size() != best.running().size()) return w.running().size() < best.running().size();
        return w.id().compareTo(best.id()) < 0;
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
