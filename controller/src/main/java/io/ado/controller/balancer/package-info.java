/**
 * Load Balancer of seed 000: which worker gets a task. {@link io.ado.controller.balancer.LoadBalancer}
 * is a pure function of a {@link io.ado.controller.balancer.ClusterSnapshot} and the task; it starts no threads.
 */
package io.ado.controller.balancer;
