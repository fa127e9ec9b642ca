package io.ado.controller.spawner;

import java.time.Instant;

/**
 * A worker process or pod of the pool as its spawner sees it. {@code detail} is the reason a user
 * would want to read when it does not come up (e.g. {@code Pending: ImagePullBackOff: Back-off
 * pulling image "ado:1"}, {@code exited with code 1 before registering; log .ado/logs/w.log}); null when nothing to say.
 */
public record SpawnedInstance(String workerId, Instant createdAt, Phase phase, String detail) {
    public enum Phase {
        /** Created, not (known to be) running yet: a pod Pending or waiting, a process just started. */
        STARTING,
        /** Running (a pod's containers are up, a process is alive). Registration is the plane's business. */
        RUNNING,
        /** Ended or can never run: a pod Failed/Succeeded, a process that exited. It should be deleted. */
        FAILED
    }
}
