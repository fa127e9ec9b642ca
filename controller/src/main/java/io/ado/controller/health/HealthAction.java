package io.ado.controller.health;

/** What the health check wants done to one worker. */
public sealed interface HealthAction {
    String workerId();

    record MarkUnhealthy(String workerId, String reason) implements HealthAction {}

    /** Remove the worker and hand its attempts back (retry budget permitting). */
    record Unregister(String workerId, String reason) implements HealthAction {}
}
