package io.ado.controller.plane;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code t-<ms>-<6 random base-36 digits>}. A burst of submits is handled within one
 * millisecond, so ids of the current millisecond are remembered and never handed out twice;
 * the random part keeps ids of different controllers (or a clock that stepped back) apart.
 */
public final class TaskIds {
    private static final long ID_SPACE = 36L * 36 * 36 * 36 * 36 * 36; // six base-36 digits
    private final RandomGenerator random;
    private final Set<String> idsThisMillis = new HashSet<>();
    private long idMillis = -1;

    public TaskIds(RandomGenerator random) { this.random = random; }

    public String next(long now) {
        if (now != idMillis) {
            idMillis = now;
            idsThisMillis.clear();
        }
        while (true) {
            String id = "t-" + Long.toString(now, 36) + "-" + Long.toString(ID_SPACE + random.nextLong(ID_SPACE), 36).substring(1);
            if (idsThisMillis.add(id)) return id;
        }
    }
}
