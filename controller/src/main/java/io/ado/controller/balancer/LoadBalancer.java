package io.ado.controller.balancer;

import io.ado.controller.registry.WorkerEntry;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    /**
     * Why {@code task} cannot be placed on {@code snapshot}, in the operator's words (Nomad's
     * "placement failures"), or null when some worker could take it now. A second, slower pass
     * than {@link #choose}: run only for tasks still queued after a dispatch round, never per placement.
     */
    public String explain(ClusterSnapshot snapshot, TaskSpec task) {
        if (snapshot.workers().isEmpty()) return "no worker registered";
        List<String> required = task.requiredCapabilities();
        List<WorkerEntry> capable = new ArrayList<>();
        for (WorkerEntry w : snapshot.workers()) if (w.hasCapabilities(required)) capable.add(w);
        if (capable.isEmpty()) return missing(snapshot, required);
        List<WorkerEntry> eligible = new ArrayList<>();
        for (WorkerEntry w : capable) if (task.group() == null || !snapshot.runsGroup(w.id(), task.group())) eligible.add(w);
        if (eligible.isEmpty()) return "group " + task.group() + " already running on every eligible worker";
        int full = 0;
        Map<WorkerStatus, Integer> unavailable = new EnumMap<>(WorkerStatus.class);
        for (WorkerEntry w : eligible) {
            if (available(w)) return null;
            boolean healthy = w.status() == WorkerStatus.IDLE || w.status() == WorkerStatus.BUSY;
            if (healthy) full++;
            else unavailable.merge(w.status(), 1, Integer::sum);
        }
        String why = unavailable.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().wireName()).collect(Collectors.joining(", "));
        if (eligible.size() == 1) return "the only eligible worker is " + (full == 1 ? "full" : unavailable.keySet().iterator().next().wireName());
        if (unavailable.isEmpty()) return "all " + eligible.size() + " eligible workers full";
        return "all " + eligible.size() + " eligible workers unavailable: " + (full > 0 ? full + " full, " : "") + why;
    }

    /** No worker has all of {@code required}: name what nobody offers, or say that no single worker offers it all. */
    private static String missing(ClusterSnapshot snapshot, List<String> required) {
        List<String> absent = new ArrayList<>();
        for (String c : required) {
            boolean offered = false;
            for (WorkerEntry w : snapshot.workers()) offered |= w.capabilities().contains(c);
            if (!offered) absent.add(c);
        }
        if (absent.contains("container")) return "needs the container capability: no worker has a container engine";
        if (absent.isEmpty()) return "no single worker has all of capabilities " + String.join(", ", required);
        return "no worker has capabilit" + (absent.size() == 1 ? "y " : "ies ") + String.join(", ", absent);
    }

    /** True when some worker could take some task right now; lets a long queue stop early. */
    public boolean anyFree(ClusterSnapshot snapshot) { return snapshot.workers().stream().anyMatch(this::available); }
}
