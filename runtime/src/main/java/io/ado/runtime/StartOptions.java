package io.ado.runtime;

import java.time.Duration;

/**
 * How to start a process: an optional registered name, whether to link it to the calling
 * process, and how long {@code init} may take.
 */
public record StartOptions(String name, boolean link, Duration initTimeout) {
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(5);
    public static final StartOptions DEFAULT = new StartOptions(null, false, DEFAULT_INIT_TIMEOUT);

    public StartOptions {
        if (name != null && name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        if (initTimeout == null || initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("initTimeout must be positive: " + initTimeout);
        }
    }

    public static StartOptions named(String name) { return new StartOptions(name, false, DEFAULT_INIT_TIMEOUT); }

    public StartOptions withName(String n) { return new StartOptions(n, link, initTimeout); }

    public StartOptions linked() { return new StartOptions(name, true, initTimeout); }

    public StartOptions withInitTimeout(Duration t) { return new StartOptions(name, link, t); }
}
