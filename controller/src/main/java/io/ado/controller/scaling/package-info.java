/**
 * Scaling Manager of seed 000: when to add or remove workers. {@link io.ado.controller.scaling.ScalingPolicy}
 * is pure over {@link io.ado.controller.scaling.ClusterMetrics} and {@code now}; the
 * {@link io.ado.controller.scaling.PoolLedger} remembers what is starting and retiring. The plane's
 * scaling round turns decisions into spawn and terminate actions that a spawner carries out.
 */
package io.ado.controller.scaling;
