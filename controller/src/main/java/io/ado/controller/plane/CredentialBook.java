package io.ado.controller.plane;

import io.ado.controller.state.JoinTokenRecord;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plane's memory of worker credentials, by hash only: the join tokens that have not expired
 * (used ones too, so a reuse is told apart from a forgery) and the reconnect-credential hash of
 * each registered worker that joined with a token. Loaded from the store at start, then it follows
 * the {@link StoreWrite}s of each applied plan, as the task book does; a worker's reconnect
 * credential is forgotten when it is unregistered.
 */
final class CredentialBook {
    private final Map<String, JoinTokenRecord> tokens = new LinkedHashMap<>(); // by token hash, oldest first
    private final Map<String, String> reconnect = new HashMap<>();            // worker id -> credential hash

    void load(JoinTokenRecord t) { tokens.put(t.tokenHash(), t); }

    void loadReconnect(String workerId, String hash) { reconnect.put(workerId, hash); }

    /** Every join token known, oldest first. */
    Collection<JoinTokenRecord> joinTokens() { return Collections.unmodifiableCollection(tokens.values()); }

    /** The reconnect-credential hash of a worker, or null. */
    String reconnectHash(String workerId) { return reconnect.get(workerId); }

    /** The worker was unregistered: its reconnect credential no longer lets it back. */
    void forgetReconnect(String workerId) { reconnect.remove(workerId); }

    /** Follows one write of an applied plan. */
    void apply(StoreWrite w) {
        switch (w) {
            case StoreWrite.CreateJoinToken c -> tokens.put(c.token().tokenHash(), c.token());
            case StoreWrite.UseJoinToken u -> tokens.computeIfPresent(u.tokenHash(), (h, t) -> t.usedAt(u.usedAt()));
            case StoreWrite.DeleteJoinTokens d -> tokens.values().removeIf(t -> t.expiresAt() < d.expiredBefore());
            case StoreWrite.SaveReconnectHash h -> reconnect.put(h.workerId(), h.hash());
            default -> { }
        }
    }
}
