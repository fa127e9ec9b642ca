package io.ado.controller.spawner;

import java.time.Duration;
import java.util.List;

/**
 * Where workers come from, at the edge of the control plane: the plane decides how many workers
 * there should be and which ones go (scaling), a spawner only acts. Calls may block (a process
 * start, a Kubernetes API request); the controller makes them off the plane's thread, one
 * {@link SpawnerDriver} per spawner. Implementations are thread-safe.
 */
public interface WorkerSpawner extends AutoCloseable {
    /** {@code local} or {@code kubernetes}: shown in events and in {@code ado admin status}. */
    String kind();

    /**
     * Starts a worker that will register as {@code request.workerId()} presenting
     * {@code request.joinToken()} ({@code ADO_JOIN_TOKEN} in its environment, never on a command
     * line). Returns once the process or pod has been created, not once it registered.
     *
     * @throws SpawnException with a reason a user can act on (it is shown in {@code worker.spawn_failed})
     */
    void spawn(SpawnRequest request) throws SpawnException;

    /**
     * Stops a worker: gracefully first (SIGTERM, a pod deletion with a grace period: the worker
     * drains), forced once {@code grace} has passed. An id this spawner does not know is not an error.
     */
    void terminate(String workerId, Duration grace) throws SpawnException;

    /**
     * Every worker of this spawner's pool that exists now, whoever started it (this controller or
     * an earlier one: a restarted controller re-adopts them), with what the spawner knows of its state.
     */
    List<SpawnedInstance> list() throws SpawnException;

    /** Releases the spawner's own resources (watches, clients); the workers it started keep running. */
    @Override
    void close();
}
