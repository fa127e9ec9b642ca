package io.ado.cli.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the configuration writes them: milliseconds as a bare number (as in seed 000), or with a unit: 500ms, 2s, 1m, 1h. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Durations() {}

    /** The duration, or an {@link IllegalArgumentException} whose message is the reason (no key: the caller knows it). */
    static Duration parse(String raw) {
        Matcher m = DURATION.matcher(raw.trim());
        if (!m.matches()) throw new IllegalArgumentException("must be a duration in ms or like 2s / 500ms / 1m, got '" + raw + "'");
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.isZero()) throw new IllegalArgumentException("must be positive");
        return d;
    }
}
