package io.ado.controller.plane;

/** The control plane's part of {@code GET /api/v1/admin/status}; {@code scalingAdvice} is the last scaling decision, {@code scaling} the pool's state. */
public record PlaneStatus(int workers, int unfinishedTasks, int queued, String scalingAdvice, ScalingView scaling) {}
