package io.ado.controller.plane;

import java.util.random.RandomGenerator;

/**
 * Per-worker join tokens: minted by the plane (for a worker the scaling manager spawns, or on
 * {@code ado admin token create --worker ID}), single-use and bound to one worker id.
 * Not enforced yet: the token is only handed to the spawned worker.
 */
final class JoinTokens {
    private final RandomGenerator random;

    JoinTokens(RandomGenerator random) { this.random = random; }

    /** A new token for {@code workerId}; its writes (if any) go into {@code b}. */
    String mint(Plan.Builder b, String workerId, long now) {
        StringBuilder s = new StringBuilder("adojt_");
        for (int i = 0; i < 32; i++) s.append(Character.forDigit(random.nextInt(36), 36));
        return s.toString();
    }
}
