package io.ado.controller.plane;

import io.ado.controller.registry.WorkerRegistry;
import io.ado.controller.scaling.ScalingState;
import java.util.HashMap;
import java.util.Map;

/**
 * The control plane's memory: the registry, the worker connections, the task book, the worker
 * credentials (hashes only), the scaling state and when the next periodic rounds are due. The
 * reconciler only reads it; {@link #apply} makes a plan's changes to it (the shell also makes the plan's store writes,
 * a test harness does not). Touched only by the plane's process thread.
 */
final class PlaneState {
    final WorkerRegistry registry = new WorkerRegistry();
    final TaskBook book = new TaskBook();
    final CredentialBook credentials = new CredentialBook();
    private final Map<String, WorkerLink> links = new HashMap<>();   // worker id -> current connection
    private final Map<String, String> linkOwner = new HashMap<>();   // connection id -> worker id
    ScalingState scaling = ScalingState.INITIAL;
    long nextRebalanceAt;
    long nextCleanupAt;

    WorkerLink link(String workerId) { return links.get(workerId); }

    /** The worker a connection registered for, or null. */
    String owner(WorkerLink link) { return linkOwner.get(link.id()); }

    void apply(Plan p) {
        for (StoreWrite w : p.writes()) {
            book.apply(w);
            credentials.apply(w);
        }
        for (Plan.WorkerChange c : p.workers()) {
            switch (c) {
                case Plan.WorkerChange.Put put -> registry.put(put.entry());
                case Plan.WorkerChange.Remove r -> {
                    registry.unregister(r.workerId());
                    credentials.forgetReconnect(r.workerId());
                }
            }
        }
        for (Plan.LinkChange c : p.links()) {
            switch (c) {
                case Plan.LinkChange.Bind b -> {
                    WorkerLink old = links.put(b.workerId(), b.link());
                    if (old != null && old != b.link()) linkOwner.remove(old.id());
                    linkOwner.put(b.link().id(), b.workerId());
                }
                case Plan.LinkChange.Forget f -> {
                    String workerId = linkOwner.remove(f.link().id());
                    if (workerId != null && links.get(workerId) == f.link()) links.remove(workerId);
                }
            }
        }
        if (p.timers() != null) {
            nextRebalanceAt = p.timers().nextRebalanceAt();
            nextCleanupAt = p.timers().nextCleanupAt();
        }
        if (p.scaling() != null) scaling = p.scaling();
    }
}
