package io.ado.controller.api;

import io.ado.controller.plane.PlaneStatus;
import io.ado.controller.plane.ScalingView;
import io.ado.protocol.Protocol;

/** The body of {@code GET /api/v1/admin/status}: this replica, the leader, the control plane's counts and the scaling manager's state. */
public record AdminStatus(String status, int protocolVersion, long uptimeMs, String role, String leader, int workers,
                          int unfinishedTasks, int queued, String scalingAdvice, ScalingView scaling) {

    static AdminStatus leader(long uptimeMs, String leaderUrl, PlaneStatus plane) {
        return new AdminStatus("ok", Protocol.VERSION, uptimeMs, "leader", leaderUrl, plane.workers(), plane.unfinishedTasks(),
                plane.queued(), plane.scalingAdvice(), plane.scaling());
    }
}
