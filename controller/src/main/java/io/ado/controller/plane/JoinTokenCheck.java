package io.ado.controller.plane;

import io.ado.controller.state.JoinTokenRecord;
import io.ado.protocol.WorkerMessage;
import java.time.Instant;

/**
 * Whether the credentials of a {@link WorkerMessage.Register} let its worker in: a pure rule over
 * the plane's {@link CredentialBook}. A presented credential is always checked, whoever let the
 * connection in; without one, only a connection let in by the API token (or any, when the
 * controller has none) may register.
 *
 * <p>Reconnects: a join token is single-use, so the registration that consumes it hands the
 * worker a reconnect credential (random, kept only as a hash with the worker's row) that it
 * presents on every later register. Accepting the same join token again for the same worker id
 * would let anyone holding a leaked pod spec take the worker's place while it is away; the
 * reconnect credential exists only in the worker process's memory. It is good while the worker is
 * registered (connected, disconnected or unhealthy); once unregistered, it is a new worker and
 * needs a new join token. The hash comparisons are {@code MessageDigest.isEqual}, over every
 * known token without an early exit.
 */
final class JoinTokenCheck {
    private JoinTokenCheck() {}

    sealed interface Verdict {
        /** No credential, on a connection that needs none. */
        record Trusted() implements Verdict {}

        /** A good join token: the registration consumes it and gives the worker a reconnect credential. */
        record Joined(JoinTokenRecord token) implements Verdict {}

        /** The reconnect credential of a registered worker. */
        record Reconnected() implements Verdict {}

        /** Refused: nothing may change; {@code reason} never holds the credential. */
        record Refused(String reason) implements Verdict {}
    }

    static final Verdict TRUSTED = new Verdict.Trusted();
    static final Verdict RECONNECTED = new Verdict.Reconnected();

    /** @param registered whether the registry holds {@code r.workerId()} (in any state) */
    static Verdict check(CredentialBook book, boolean registered, WorkerLink link, WorkerMessage.Register r, long now) {
        String id = r.workerId();
        if (r.joinToken() != null && r.reconnectToken() != null) return new Verdict.Refused("present a join token or a reconnect credential, not both");
        if (r.reconnectToken() != null) {
            String stored = book.reconnectHash(id);
            if (registered && stored != null && JoinTokens.matches(stored, JoinTokens.digest(r.reconnectToken()))) return RECONNECTED;
            return new Verdict.Refused("the reconnect credential is not valid for worker " + id + " (unknown, or the worker was unregistered)");
        }
        if (r.joinToken() != null) return join(book, id, JoinTokens.digest(r.joinToken()), now);
        if (link.joinOnly()) return new Verdict.Refused("this connection was let in without the API token: register must present the join token");
        return TRUSTED;
    }

    private static Verdict join(CredentialBook book, String workerId, byte[] digest, long now) {
        JoinTokenRecord found = null;
        for (JoinTokenRecord t : book.joinTokens()) {
            if (JoinTokens.matches(t.tokenHash(), digest)) found = t;
        }
        if (found == null) return new Verdict.Refused("unknown join token");
        if (!found.workerId().equals(workerId)) return new Verdict.Refused("the join token is bound to another worker id, not " + workerId);
        if (found.isUsed()) return new Verdict.Refused("the join token was already used");
        if (now >= found.expiresAt()) return new Verdict.Refused("the join token expired at " + Instant.ofEpochMilli(found.expiresAt()));
        return new Verdict.Joined(found);
    }
}
