package io.ado.cluster.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandshakeTest {
    private final byte[] dn = Handshake.newNonce();
    private final byte[] an = Handshake.newNonce();

    @Test
    void bothSidesWithTheSecretVerifyEachOther() {
        Handshake a = new Handshake("s3cret");
        Handshake b = new Handshake("s3cret");
        byte[] acceptorProof = b.proof("acceptor", dn, an, "d@h:1", "a@h:2");
        assertThat(a.verify("acceptor", dn, an, "d@h:1", "a@h:2", acceptorProof)).isTrue();
        byte[] dialerProof = a.proof("dialer", dn, an, "d@h:1", "a@h:2");
        assertThat(b.verify("dialer", dn, an, "d@h:1", "a@h:2", dialerProof)).isTrue();
        assertThat(a.sessionKey(dn, an)).isEqualTo(b.sessionKey(dn, an)).hasSize(32);
    }

    @Test
    void aWrongSecretFails() {
        byte[] proof = new Handshake("wrong").proof("dialer", dn, an, "d@h:1", "a@h:2");
        assertThat(new Handshake("s3cret").verify("dialer", dn, an, "d@h:1", "a@h:2", proof)).isFalse();
    }

    @Test
    void proofsAreBoundToRoleNoncesAndIds() {
        Handshake h = new Handshake("s3cret");
        byte[] proof = h.proof("acceptor", dn, an, "d@h:1", "a@h:2");
        assertThat(h.verify("dialer", dn, an, "d@h:1", "a@h:2", proof)).as("reflected as the other role").isFalse();
        assertThat(h.verify("acceptor", Handshake.newNonce(), an, "d@h:1", "a@h:2", proof)).as("other nonce").isFalse();
        assertThat(h.verify("acceptor", dn, an, "x@h:1", "a@h:2", proof)).as("other node").isFalse();
        assertThat(h.sessionKey(dn, an)).isNotEqualTo(h.sessionKey(dn, Handshake.newNonce()));
    }

    @Test
    void withoutASecretThereIsNothingToProve() {
        Handshake open = new Handshake(null);
        assertThat(open.authenticated()).isFalse();
        assertThat(open.proof("dialer", dn, an, "d", "a")).isEmpty();
        assertThat(open.verify("dialer", dn, an, "d", "a", new byte[0])).isTrue();
        assertThat(open.sessionKey(dn, an)).isNull();
    }

    @Test
    void tokenIsTheFirstEightNonceBytes() {
        byte[] n = new byte[32];
        n[7] = 5;
        assertThat(Handshake.token(n)).isEqualTo(5);
    }
}
