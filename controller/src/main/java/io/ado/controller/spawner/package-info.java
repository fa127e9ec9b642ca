/**
 * Where workers come from, at the edge: {@link io.ado.controller.spawner.LocalWorkerSpawner} starts
 * {@code ado worker} processes on this machine (for {@code ado up}, the benches, later the scaling
 * manager); {@code spawner.kubernetes} creates worker pods. A spawner only acts; deciding how many
 * workers there should be is scaling's job.
 */
package io.ado.controller.spawner;
