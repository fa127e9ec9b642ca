package io.ado.cluster.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacAuthenticatorTest {
    private final Handshake handshake = new Handshake("cluster-secret");
    private final byte[] dn = Handshake.newNonce();
    private final byte[] an = Handshake.newNonce();
    private final byte[] key = handshake.sessionKey(dn, an);

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static FrameRejectedException.Kind kindOf(Runnable r) {
        try {
            r.run();
        } catch (FrameRejectedException e) {
            return e.kind();
        }
        throw new AssertionError("frame was accepted");
    }

    @Test
    void sealedFramesOpenOnTheOtherSideInOrder() {
        HmacAuthenticator dialer = new HmacAuthenticator(key, true);
        HmacAuthenticator acceptor = new HmacAuthenticator(key, false);
        assertThat(acceptor.open(dialer.seal(bytes("hello")))).isEqualTo(bytes("hello"));
        assertThat(acceptor.open(dialer.seal(bytes("again")))).isEqualTo(bytes("again"));
        assertThat(dialer.open(acceptor.seal(bytes("back")))).isEqualTo(bytes("back"));
    }

    @Test
    void aFlippedBitIsForged() {
        HmacAuthenticator dialer = new HmacAuthenticator(key, true);
        HmacAuthenticator acceptor = new HmacAuthenticator(key, false);
        for (int i : new int[] {0, 9, 12}) {
            byte[] frame = dialer.seal(bytes("{\"type\":\"goodbye\"}"));
            frame[i] ^= 0x40;
            assertThat(kindOf(() -> acceptor.open(frame))).isEqualTo(FrameRejectedException.Kind.FORGED);
        }
        byte[] frame = dialer.seal(bytes("x"));
        frame[frame.length - 1] ^= 1; // the MAC itself
        assertThat(kindOf(() -> acceptor.open(frame))).isEqualTo(FrameRejectedException.Kind.FORGED);
    }

    @Test
    void aReplayedFrameIsRejected() {
        HmacAuthenticator dialer = new HmacAuthenticator(key, true);
        HmacAuthenticator acceptor = new HmacAuthenticator(key, false);
        byte[] first = dialer.seal(bytes("one"));
        byte[] second = dialer.seal(bytes("two"));
        acceptor.open(first);
        acceptor.open(second);
        assertThat(kindOf(() -> acceptor.open(first))).isEqualTo(FrameRejectedException.Kind.REPLAYED);
        assertThat(kindOf(() -> acceptor.open(second))).isEqualTo(FrameRejectedException.Kind.REPLAYED);
    }

    @Test
    void aFrameFromAnotherConnectionOrDirectionIsForged() {
        byte[] frame = new HmacAuthenticator(key, true).seal(bytes("captured"));
        byte[] otherKey = handshake.sessionKey(Handshake.newNonce(), Handshake.newNonce());
        assertThat(kindOf(() -> new HmacAuthenticator(otherKey, false).open(frame))).isEqualTo(FrameRejectedException.Kind.FORGED);
        // reflected back to its sender: the direction byte differs
        assertThat(kindOf(() -> new HmacAuthenticator(key, true).open(frame))).isEqualTo(FrameRejectedException.Kind.FORGED);
    }

    @Test
    void tooShortIsMalformed() {
        assertThat(kindOf(() -> new HmacAuthenticator(key, false).open(new byte[10]))).isEqualTo(FrameRejectedException.Kind.MALFORMED);
    }

    @Test
    void withoutASecretFramesCarryOnlyTheSequence() {
        HmacAuthenticator out = new HmacAuthenticator(null, true);
        HmacAuthenticator in = new HmacAuthenticator(null, false);
        byte[] f = out.seal(bytes("plain"));
        assertThat(f).hasSize(8 + 5);
        assertThat(in.open(f)).isEqualTo(bytes("plain"));
        assertThat(kindOf(() -> in.open(f))).isEqualTo(FrameRejectedException.Kind.REPLAYED);
        assertThat(out.authenticated()).isFalse();
    }
}
