package io.ado.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Task lifecycle {@code pending → scheduled → running → completed | failed | cancelled}.
 * Every allowed transition is listed once in {@link #ALLOWED}; anything else is a bug or a stale writer.
 * {@code scheduled|running → pending} is the retry of a task whose worker was lost.
 */
public enum TaskStatus {
    @JsonProperty("pending") PENDING,
    @JsonProperty("scheduled") SCHEDULED,
    @JsonProperty("running") RUNNING,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED,
    @JsonProperty("cancelled") CANCELLED;

    private static final Map<TaskStatus, Set<TaskStatus>> ALLOWED = new EnumMap<>(TaskStatus.class);

    static {
        ALLOWED.put(PENDING, EnumSet.of(SCHEDULED, FAILED, CANCELLED));
        ALLOWED.put(SCHEDULED, EnumSet.of(RUNNING, PENDING, FAILED, CANCELLED));
        ALLOWED.put(RUNNING, EnumSet.of(COMPLETED, FAILED, CANCELLED, PENDING));
        ALLOWED.put(COMPLETED, EnumSet.noneOf(TaskStatus.class));
        ALLOWED.put(FAILED, EnumSet.noneOf(TaskStatus.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(TaskStatus.class));
    }

    public boolean canMoveTo(TaskStatus next) { return ALLOWED.get(this).contains(next); }

    public boolean isTerminal() { return ALLOWED.get(this).isEmpty(); }

    public String wireName() { return name().toLowerCase(); }
}
