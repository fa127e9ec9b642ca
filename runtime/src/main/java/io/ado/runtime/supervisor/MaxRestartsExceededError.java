package io.ado.runtime.supervisor;

/** The exit reason of a supervisor whose children restarted more often than its intensity allows. */
public final class MaxRestartsExceededError extends RuntimeException {
    public MaxRestartsExceededError(String supervisor, RestartIntensity intensity) {
        super("supervisor " + supervisor + " exceeded " + intensity.maxRestarts() + " restarts within "
                + intensity.withinMs() + " ms", null, false, false);
    }
}
