package io.ado.cluster.transport;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The connection handshake ({@link Handshake} computes the proofs): the dialer says hello
 * with a nonce, the acceptor answers with its nonce and a proof that it knows the secret,
 * the dialer answers with its own proof, and the acceptor welcomes or rejects the link.
 * Nonces are base64; proofs are base64 HMAC-SHA256, empty when no secret is configured.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = HandshakeMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = HandshakeMessage.Challenge.class, name = "challenge"),
        @JsonSubTypes.Type(value = HandshakeMessage.Proof.class, name = "proof"),
        @JsonSubTypes.Type(value = HandshakeMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = HandshakeMessage.Reject.class, name = "reject")})
public sealed interface HandshakeMessage {
    int VERSION = 1;

    record Hello(int version, String node, String nonce) implements HandshakeMessage {}

    record Challenge(String node, String nonce, String proof) implements HandshakeMessage {}

    record Proof(String proof) implements HandshakeMessage {}

    record Welcome() implements HandshakeMessage {}

    /** The acceptor already has a link it prefers (see {@link LinkTieBreak}), or is stopping. */
    record Reject(String reason) implements HandshakeMessage {}
}
