package io.ado.controller.plane;

import io.ado.controller.state.JoinTokenRecord;
import io.ado.protocol.JoinTokenGrant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Per-worker join tokens: minted by the plane (for a worker the scaling manager spawns, or on
 * {@code ado admin token create --worker ID}), single-use and bound to one worker id, and the
 * reconnect credentials a worker gets when its join token is consumed. Only their SHA-256 is
 * written (the token goes to whoever asked, once); {@link JoinTokenCheck} says whether one is good.
 * The random source is a {@code SecureRandom} in production; tests pass a seeded one.
 */
final class JoinTokens {
    static final String JOIN_PREFIX = "adojt_";
    static final String RECONNECT_PREFIX = "adorc_";
    private static final int SECRET_CHARS = 32; // base 36: 165 bits

    private final RandomGenerator random;
    private final Duration defaultTtl;

    JoinTokens(RandomGenerator random, Duration defaultTtl) {
        SecuritySettings.checkTtl("joinTokenTtl", defaultTtl);
        this.random = random;
        this.defaultTtl = defaultTtl;
    }

    /** A new token for {@code workerId}, good for the default TTL; its writes go into {@code b}. */
    String mint(Plan.Builder b, String workerId, long now) { return mint(b, workerId, now, defaultTtl); }

    /** A new token for {@code workerId}, good for {@code ttl}; expired tokens are forgotten in the same plan. */
    String mint(Plan.Builder b, String workerId, long now, Duration ttl) {
        SecuritySettings.checkTtl("ttl", ttl);
        String token = secret(JOIN_PREFIX);
        b.write(new StoreWrite.DeleteJoinTokens(now));
        b.write(new StoreWrite.CreateJoinToken(new JoinTokenRecord(hash(token), workerId, now, now + ttl.toMillis(), null)));
        return token;
    }

    /** {@code POST /api/v1/admin/tokens}: a token for {@code workerId}, with {@code ttl} or the default when null. */
    JoinTokenGrant grant(Plan.Builder b, String workerId, Duration ttl, long now) {
        Duration d = ttl == null ? defaultTtl : ttl;
        return new JoinTokenGrant(workerId, mint(b, workerId, now, d), now + d.toMillis());
    }

    /** A new reconnect credential for {@code workerId} (replacing any earlier one); its hash goes into {@code b}. */
    String issueReconnect(Plan.Builder b, String workerId) {
        String credential = secret(RECONNECT_PREFIX);
        b.write(new StoreWrite.SaveReconnectHash(workerId, hash(credential)));
        return credential;
    }

    private String secret(String prefix) {
        StringBuilder s = new StringBuilder(prefix);
        for (int i = 0; i < SECRET_CHARS; i++) s.append(Character.forDigit(random.nextInt(36), 36));
        return s.toString();
    }

    /** The SHA-256 of a token, in hex: what the store keeps. */
    static String hash(String token) { return HexFormat.of().formatHex(digest(token)); }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether {@code storedHash} (hex) is the hash of the presented token's {@code digest}; constant time. */
    static boolean matches(String storedHash, byte[] digest) { return MessageDigest.isEqual(HexFormat.of().parseHex(storedHash), digest); }
}
