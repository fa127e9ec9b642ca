package io.ado.controller.balancer;

/** What the balancer decided for one task. */
public sealed interface Placement {
    record Assign(String workerId, double score) implements Placement {}

    /** No worker can take it now; it waits in the queue until one frees up or registers. */
    record Queue(String reason) implements Placement {}
}
