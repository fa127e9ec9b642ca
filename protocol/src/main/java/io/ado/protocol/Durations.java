package io.ado.protocol;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as ado writes them, in the configuration, on the command line and in API bodies: a
 * number with a unit ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 7d}), or where the
 * caller allows it a bare number of milliseconds (as seed 000 writes its settings). One syntax, so
 * that what {@code --ttl} takes the configuration takes too.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)?");

    private Durations() {}

    /** The duration {@code raw} writes, or empty when it is not one (the caller says why, naming its field). */
    public static Optional<Duration> parse(String raw, boolean bareMillis) {
        Matcher m = raw == null ? null : DURATION.matcher(raw.trim());
        if (m == null || !m.matches() || (m.group(2) == null && !bareMillis)) return Optional.empty();
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }
}
