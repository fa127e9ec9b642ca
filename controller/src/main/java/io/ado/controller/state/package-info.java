/**
 * State Manager of seed 000: the durable store of tasks, attempts, workers and output
 * ({@link StateStore}) and the event buses, in-process and Redis. Only this package touches JDBC or Redis.
 */
package io.ado.controller.state;
