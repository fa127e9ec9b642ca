package io.ado.runtime.supervisor;

import java.util.ArrayList;
import java.util.List;

/** Timestamps (ms) of recent restarts, oldest first; immutable. */
public record RestartHistory(List<Long> timestampsMs) {
    public static final RestartHistory EMPTY = new RestartHistory(List.of());

    public RestartHistory { timestampsMs = List.copyOf(timestampsMs); }

    /** This history plus a restart at {@code nowMs}, dropping entries older than the window. */
    public RestartHistory add(long nowMs, long withinMs) {
        List<Long> kept = new ArrayList<>(timestampsMs.size() + 1);
        for (long t : timestampsMs) if (nowMs - t < withinMs) kept.add(t);
        kept.add(nowMs);
        return new RestartHistory(kept);
    }

    public int size() { return timestampsMs.size(); }
}
