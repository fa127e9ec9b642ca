package io.ado.controller.api;

import io.ado.controller.plane.PlaneStatus;
import io.ado.protocol.Protocol;

/** The body of {@code GET /api/v1/admin/status}: this replica, the leader, and the control plane's counts. */
public record AdminStatus(String status, int protocolVersion, long uptimeMs, String role, String leader, int workers,
                          int unfinishedTasks, int queued, String scalingAdvice) {

    static AdminStatus leader(long uptimeMs, String leaderUrl, PlaneStatus plane) {
        return new AdminStatus("ok", Protocol.VERSION, uptimeMs, "leader", leaderUrl, plane.workers(), plane.unfinishedTasks(),
                plane.queued(), plane.scalingAdvice());
    }
}
