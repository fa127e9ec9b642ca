package io.ado.controller.state;

/**
 * A stored join token: the SHA-256 of the token (hex; the token itself is never kept), the one worker
 * id it may register, when it was minted and expires (epoch ms), and when it was used (null: not yet).
 */
public record JoinTokenRecord(String tokenHash, String workerId, long createdAt, long expiresAt, Long usedAt) {
    public JoinTokenRecord {
        if (tokenHash == null || tokenHash.length() != 64) throw new IllegalArgumentException("tokenHash: must be 64 hex digits");
        if (workerId == null || workerId.isBlank()) throw new IllegalArgumentException("workerId: must not be blank");
        if (expiresAt <= createdAt) throw new IllegalArgumentException("expiresAt: must be after createdAt");
    }

    public boolean isUsed() { return usedAt != null; }

    public JoinTokenRecord usedAt(long at) { return new JoinTokenRecord(tokenHash, workerId, createdAt, expiresAt, at); }
}
