package io.ado.controller.plane;

/**
 * Where the scaling round's spawns and terminations go once their batch is committed: the
 * controller's spawner driver, which carries them out off the plane's thread and reports back
 * with {@link ControlPlane.Spawned}, {@link ControlPlane.Terminated} and {@link ControlPlane.Inventory}.
 * Must not block.
 */
public interface WorkerPool {
    WorkerPool NONE = a -> {};

    void act(Plan.PoolAction action);
}
