package io.ado.controller.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dashboard's login sessions, signed rather than stored: a session cookie is a random id and
 * its issue time, signed with a key derived from the API token (HMAC-SHA256). The cookie never
 * holds the token, and every replica sharing the token accepts it, a standby included, without a
 * shared session table. Its CSRF token is another HMAC of the same id, so the server checks it
 * with no state either. A session ends after {@link #TTL} (or when the token changes).
 */
final class DashboardSessions {
    static final Duration TTL = Duration.ofHours(12);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new session: the cookie's value and the CSRF token the page sends with each POST. */
    record Session(String cookie, String csrf) {
        @Override public String toString() { return "Session[***]"; }
    }

    private final byte[] key;
    private final Clock clock;

    DashboardSessions(String apiToken, Clock clock) {
        this.key = hmac(apiToken.getBytes(StandardCharsets.UTF_8), "ado dashboard session key v1");
        this.clock = clock;
    }

    Session issue() {
        byte[] id = new byte[18];
        RANDOM.nextBytes(id);
        String body = B64.encodeToString(id) + "." + clock.millis();
        return new Session(body + "." + sign(body), csrfOf(body));
    }

    /** The CSRF token of a valid, unexpired session cookie; empty for anything else. */
    Optional<String> csrf(String cookie) {
        if (cookie == null) return Optional.empty();
        int dot = cookie.lastIndexOf('.');
        if (dot < 0) return Optional.empty();
        String body = cookie.substring(0, dot);
        if (!same(sign(body), cookie.substring(dot + 1))) return Optional.empty();
        long issued;
        try {
            issued = Long.parseLong(body.substring(body.indexOf('.') + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long age = clock.millis() - issued;
        if (age < 0 || age > TTL.toMillis()) return Optional.empty();
        return Optional.of(csrfOf(body));
    }

    /** Whether {@code given} is the CSRF token of the session {@code cookie}; constant time. */
    boolean csrfMatches(String cookie, String given) { return given != null && csrf(cookie).map(c -> same(c, given)).orElse(false); }

    private String csrfOf(String body) { return sign("csrf:" + body); }

    private String sign(String text) { return B64.encodeToString(hmac(key, text)); }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
