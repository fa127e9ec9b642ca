/**
 * The worker agent: connects out to the controller over one WebSocket, registers, heartbeats,
 * runs tasks through a {@link io.ado.worker.TaskRuntime} and streams their output. Keeps its
 * tasks across controller outages and reports them on reconnect.
 */
package io.ado.worker;
