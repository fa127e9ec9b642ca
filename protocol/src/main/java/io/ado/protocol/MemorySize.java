package io.ado.protocol;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory limit as Docker spells it: a number of bytes with an optional binary unit,
 * {@code 512m}, {@code 1.5g}, {@code 64MiB}, {@code 1048576}. At least {@link #MIN_BYTES}
 * (Docker refuses less than 6 MiB).
 */
public final class MemorySize {
    public static final long MIN_BYTES = 6L * 1024 * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgt]?)(?:i?b)?");

    private MemorySize() {}

    /** @throws IllegalArgumentException with a reason that starts with {@code memory:} */
    public static long parseBytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("memory: must be a size like 512m, 1g or 1048576 (bytes), not '" + text + "'");
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
        if (bytes.compareTo(BigDecimal.valueOf(MIN_BYTES)) < 0) throw new IllegalArgumentException("memory: must be at least 6m, not '" + text + "'");
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) throw new IllegalArgumentException("memory: too large: '" + text + "'");
        return bytes.longValue();
    }
}
