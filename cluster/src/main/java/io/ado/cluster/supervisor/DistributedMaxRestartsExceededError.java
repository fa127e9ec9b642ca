package io.ado.cluster.supervisor;

import io.ado.runtime.supervisor.RestartIntensity;

/** The exit reason of a distributed supervisor whose children restarted too often. */
public final class DistributedMaxRestartsExceededError extends RuntimeException {
    public DistributedMaxRestartsExceededError(String supervisor, RestartIntensity intensity) {
        super("distributed supervisor " + supervisor + " exceeded " + intensity.maxRestarts() + " restarts within "
                + intensity.withinMs() + " ms", null, false, false);
    }
}
