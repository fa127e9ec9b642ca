/**
 * Supervision across nodes (seed 002): {@link DistributedSupervisor} places children on nodes
 * chosen by a {@link NodeSelector}, restarts them by the OTP strategies, and migrates them to a
 * live node when theirs goes down. {@link RemoteSpawn} and {@link RemoteMonitor} are the
 * primitives it is built on; each node runs a spawner process that accepts children.
 */
package io.ado.cluster.supervisor;
