package io.ado.controller.plane;

/** The control plane's part of {@code GET /api/v1/admin/status}; {@code scalingAdvice} is the last scaling decision (no spawner acts on it yet). */
public record PlaneStatus(int workers, int unfinishedTasks, int queued, String scalingAdvice) {}
