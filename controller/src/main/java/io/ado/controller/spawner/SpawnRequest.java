package io.ado.controller.spawner;

import java.util.Objects;

/**
 * One worker the scaling manager asked for. {@code workerId} is a DNS-1123 label (lowercase
 * letters, digits, '-': a pod name too); {@code joinToken} is single-use and bound to that id;
 * {@code pool} labels what this controller spawned, so its orphans can be found.
 */
public record SpawnRequest(String workerId, String joinToken, String pool) {
    public SpawnRequest {
        if (workerId == null || !workerId.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("workerId: a DNS-1123 label (lowercase letters, digits, '-'), got '" + workerId + "'");
        }
        Objects.requireNonNull(joinToken, "joinToken");
        Objects.requireNonNull(pool, "pool");
    }

    @Override
    public String toString() { return "SpawnRequest[workerId=" + workerId + ", pool=" + pool + ", joinToken=***]"; }
}
