/**
 * State Manager of seed 000: the durable store of tasks, attempts, workers and output
 * ({@link io.ado.controller.state.StateStore}) and the in-process event publisher. Only this package touches JDBC.
 */
package io.ado.controller.state;
