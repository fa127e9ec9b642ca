package io.ado.cluster.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * The cryptography of the handshake, apart from any socket. Each side contributes a fresh
 * 32-byte nonce; each proves knowledge of the cluster secret by an HMAC over both nonces,
 * both node ids and its role, so a proof cannot be replayed on another connection or
 * reflected back as the other role. The session key for {@link HmacAuthenticator} is an HMAC
 * of both nonces: unique per connection, never sent.
 */
public final class Handshake {
    public static final int NONCE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret; // null: no authentication

    public Handshake(String clusterSecret) {
        this.secret = clusterSecret == null ? null : clusterSecret.getBytes(StandardCharsets.UTF_8);
    }

    public boolean authenticated() { return secret != null; }

    public static byte[] newNonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    /** The proof that {@code role} ("dialer" or "acceptor") knows the secret; empty without one. */
    public byte[] proof(String role, byte[] dialerNonce, byte[] acceptorNonce, String dialer, String acceptor) {
        if (secret == null) return new byte[0];
        Mac mac = HmacAuthenticator.mac(secret);
        mac.update(("ado-proof|" + role + "|" + dialer + "|" + acceptor + "|").getBytes(StandardCharsets.UTF_8));
        mac.update(dialerNonce);
        mac.update(acceptorNonce);
        return mac.doFinal();
    }

    /** Constant-time check of a peer's proof. */
    public boolean verify(String role, byte[] dialerNonce, byte[] acceptorNonce, String dialer, String acceptor, byte[] claimed) {
        return MessageDigest.isEqual(proof(role, dialerNonce, acceptorNonce, dialer, acceptor), claimed);
    }

    /** Per-connection key, or null without a secret. */
    public byte[] sessionKey(byte[] dialerNonce, byte[] acceptorNonce) {
        if (secret == null) return null;
        Mac mac = HmacAuthenticator.mac(secret);
        mac.update("ado-session|".getBytes(StandardCharsets.UTF_8));
        mac.update(dialerNonce);
        mac.update(acceptorNonce);
        return mac.doFinal();
    }

    public static String b64(byte[] b) { return Base64.getEncoder().encodeToString(b); }

    /** @throws FrameRejectedException HANDSHAKE for bad base64 or a nonce of the wrong size */
    static byte[] unb64(String s, int expectedLen) {
        try {
            byte[] b = Base64.getDecoder().decode(s == null ? "" : s);
            if (expectedLen >= 0 && b.length != expectedLen) throw new IllegalArgumentException("length " + b.length);
            return b;
        } catch (IllegalArgumentException e) {
            throw new FrameRejectedException(FrameRejectedException.Kind.HANDSHAKE, "bad handshake field: " + e.getMessage());
        }
    }

    /** First 8 bytes of the dialer's nonce: the tie-break token both ends know. */
    static long token(byte[] dialerNonce) {
        long t = 0;
        for (int i = 0; i < 8; i++) t = (t << 8) | (dialerNonce[i] & 0xff);
        return t;
    }
}
