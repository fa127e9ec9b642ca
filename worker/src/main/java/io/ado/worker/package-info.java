/**
 * The worker agent: connects out to the controller through a {@link io.ado.worker.ControllerConnector}
 * (a WebSocket in production), registers, heartbeats, runs tasks through a
 * {@link io.ado.worker.TaskRuntime} and streams their output. Keeps its tasks across controller
 * outages and resends what was not acknowledged on reconnect. Time, randomness and timers come in
 * through {@link io.ado.worker.AgentDependencies}, so its tests run on a manual clock.
 */
package io.ado.worker;
