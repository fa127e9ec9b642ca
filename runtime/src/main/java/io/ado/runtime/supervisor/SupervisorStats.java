package io.ado.runtime.supervisor;

/** A supervisor's counters; {@code childCount} is the number of running children. */
public record SupervisorStats(String id, Strategy strategy, int childCount, long totalRestarts, long uptimeMs) {}
