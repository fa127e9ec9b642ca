/**
 * Health Monitor of seed 000: heartbeat timeout → unhealthy, grace period → unregistered, a
 * dropped connection gets a reconnect window. {@link io.ado.controller.health.HealthPolicy} is pure over entries and {@code now}.
 */
package io.ado.controller.health;
