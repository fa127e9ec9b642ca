package io.ado.runtime.supervisor;

/** {@code countChildren}: specs known, children running, and how many of each kind. */
public record ChildCounts(int specs, int active, int supervisors, int workers) {}
