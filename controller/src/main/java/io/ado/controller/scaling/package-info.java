/**
 * Scaling Manager of seed 000: when to add or remove workers. {@link io.ado.controller.scaling.ScalingPolicy}
 * is pure over {@link io.ado.controller.scaling.ClusterMetrics} and {@code now}; no spawner acts on its plans yet.
 */
package io.ado.controller.scaling;
