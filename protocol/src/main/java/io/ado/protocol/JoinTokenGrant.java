package io.ado.protocol;

/**
 * The answer of {@code POST /api/v1/admin/tokens}: a join token for {@code workerId}, shown this once
 * (the controller keeps only its hash), valid until {@code expiresAt} (epoch milliseconds) and for one
 * registration. {@link #toString} never shows the token.
 */
public record JoinTokenGrant(String workerId, String token, long expiresAt) {
    @Override
    public String toString() { return "JoinTokenGrant[workerId=" + workerId + ", token=" + Secrets.mask(token) + ", expiresAt=" + expiresAt + "]"; }
}
