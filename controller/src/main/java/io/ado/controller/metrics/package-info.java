/**
 * Prometheus metrics of the controller (Micrometer): {@link io.ado.controller.metrics.ControllerMetrics}
 * observes the control plane's committed plans and the snapshot it publishes each tick.
 */
package io.ado.controller.metrics;
