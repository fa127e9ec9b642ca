package io.ado.runtime.supervisor;

/**
 * At most {@code maxRestarts} restarts within any {@code withinMs} window; one more and the
 * supervisor gives up and exits with {@link MaxRestartsExceededError}.
 */
public record RestartIntensity(int maxRestarts, long withinMs) {
    public static final RestartIntensity DEFAULT = new RestartIntensity(3, 5_000);

    public RestartIntensity {
        if (maxRestarts < 0) throw new IllegalArgumentException("maxRestarts must be >= 0: " + maxRestarts);
        if (withinMs <= 0) throw new IllegalArgumentException("withinMs must be > 0: " + withinMs);
    }
}
