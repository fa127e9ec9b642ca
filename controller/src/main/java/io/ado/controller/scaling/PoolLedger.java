package io.ado.controller.scaling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scaling manager's book of the pool, beside the registry: workers spawned and not registered
 * yet ({@code starting}: they count toward the pool), workers drained for retirement
 * ({@code retiring}), the registered workers this pool's spawner owns (only those are
 * retired), the desired floor of {@code ado admin scale} (0: none), consecutive spawn failures
 * and when the next spawn may go out (backoff), the recent decisions, and whether the spawner's
 * inventory has been read since the plane started (a restarted plane re-adopts before it spawns), and
 * the last spawn failure.
 * Immutable; {@link #edit} gives a copy to change.
 */
public record PoolLedger(Map<String, Starting> starting, Map<String, Retiring> retiring, Set<String> owned, int floor, int failures,
                         long nextSpawnAt, List<ScalingRecord> recent, boolean inventoryKnown, long lastSeq, String inventoryError,
                         String lastFailure) {
    public static final PoolLedger EMPTY = new PoolLedger(Map.of(), Map.of(), Set.of(), 0, 0, 0, List.of(), false, 0, null, null);
    /** Decisions kept for {@code ado admin status}. */
    public static final int RECENT = 10;
    static final long BACKOFF_MIN_MS = 1_000, BACKOFF_MAX_MS = 60_000;

    /** A worker asked of the spawner at {@code since} by decision {@code seq} (0: adopted), with the spawner's last word on it. */
    public record Starting(long since, String detail, long seq) {}

    /** A worker drained for retirement at {@code since} by decision {@code seq}; terminated once it holds nothing. */
    public record Retiring(long since, long seq) {}

    public Edit edit() { return new Edit(this); }

    /** The record of decision {@code seq}, or null when it has left the recent list (or was never one). */
    public ScalingRecord record(long seq) {
        for (ScalingRecord r : recent) if (r.seq() == seq) return r;
        return null;
    }

    /** A mutable copy; {@link #done} freezes it again. */
    public static final class Edit {
        public final Map<String, Starting> starting;
        public final Map<String, Retiring> retiring;
        public final Set<String> owned;
        public int floor, failures;
        public long nextSpawnAt, lastSeq;
        public boolean inventoryKnown;
        public String inventoryError;
        /** The last spawn failure, as {@code <worker>: <reason>}: shown in {@code ado admin status}. */
        public String lastFailure;
        private final List<ScalingRecord> recent;

        private Edit(PoolLedger l) {
            starting = new LinkedHashMap<>(l.starting);
            retiring = new LinkedHashMap<>(l.retiring);
            owned = new LinkedHashSet<>(l.owned);
            floor = l.floor;
            failures = l.failures;
            nextSpawnAt = l.nextSpawnAt;
            recent = new ArrayList<>(l.recent);
            inventoryKnown = l.inventoryKnown;
            lastSeq = l.lastSeq;
            inventoryError = l.inventoryError;
            lastFailure = l.lastFailure;
        }

        /** A new decision; returns its sequence number. */
        public long record(String action, int requested, String reason, long now) {
            recent.add(new ScalingRecord(++lastSeq, action, requested, 0, 0, reason, now));
            if (recent.size() > RECENT) recent.remove(0);
            return lastSeq;
        }

        /** Counts one worker of decision {@code seq}; returns the record when this completed it, else null. */
        public ScalingRecord count(long seq, boolean ok) {
            for (int i = 0; i < recent.size(); i++) {
                ScalingRecord r = recent.get(i);
                if (r.seq() != seq || r.complete()) continue;
                ScalingRecord next = r.counted(ok);
                recent.set(i, next);
                return next.complete() ? next : null;
            }
            return null;
        }

        /** A spawn failed: the next one waits 1 s, 2 s, 4 s, ... up to a minute. */
        public void failed(long now) {
            failures++;
            nextSpawnAt = now + Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS << Math.min(16, failures - 1));
        }

        public PoolLedger done() {
            return new PoolLedger(Collections.unmodifiableMap(starting), Collections.unmodifiableMap(retiring), Collections.unmodifiableSet(owned),
                    floor, failures, nextSpawnAt, List.copyOf(recent), inventoryKnown, lastSeq, inventoryError, lastFailure);
        }
    }
}
