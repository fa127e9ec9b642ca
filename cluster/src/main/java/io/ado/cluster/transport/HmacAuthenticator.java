package io.ado.cluster.transport;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the frames of one established connection, one direction each way.
 * A sealed frame is {@code seq (8 bytes) | payload | HMAC-SHA256(key, direction | seq | payload)}.
 * The key is the per-connection session key from {@link Handshake}, so a frame captured on
 * one connection fails the MAC on any other; within a connection sequence numbers must
 * strictly increase, so a re-sent frame is rejected as a replay. Without a secret
 * ({@code key == null}) frames carry the sequence number but no MAC.
 *
 * <p>Not thread-safe: {@link #seal} runs under the connection's send lock, {@link #open} on
 * its single reader thread.
 */
public final class HmacAuthenticator {
    public static final int MAC_BYTES = 32;
    private static final int SEQ_BYTES = 8;

    private final Mac sendMac;
    private final Mac recvMac;
    private final byte sendDirection;
    private final byte recvDirection;
    private long sendSeq;
    private long lastRecvSeq;

    /**
     * @param sessionKey  null for unauthenticated links
     * @param dialerSide  true on the side that dialed; fixes which direction byte each side signs
     */
    public HmacAuthenticator(byte[] sessionKey, boolean dialerSide) {
        this.sendDirection = (byte) (dialerSide ? 'D' : 'A');
        this.recvDirection = (byte) (dialerSide ? 'A' : 'D');
        this.sendMac = sessionKey == null ? null : mac(sessionKey);
        this.recvMac = sessionKey == null ? null : mac(sessionKey);
    }

    public boolean authenticated() { return sendMac != null; }

    public byte[] seal(byte[] payload) {
        long seq = ++sendSeq;
        int macLen = sendMac == null ? 0 : MAC_BYTES;
        ByteBuffer b = ByteBuffer.allocate(SEQ_BYTES + payload.length + macLen);
        b.putLong(seq).put(payload);
        if (sendMac != null) b.put(tag(sendMac, sendDirection, b.array(), SEQ_BYTES + payload.length));
        return b.array();
    }

    /**
     * Verifies and unwraps one frame.
     *
     * @throws FrameRejectedException FORGED (bad MAC), REPLAYED (sequence not increasing) or MALFORMED (too short)
     */
    public byte[] open(byte[] frame) {
        int macLen = recvMac == null ? 0 : MAC_BYTES;
        if (frame.length < SEQ_BYTES + macLen) throw new MalformedFrameException("frame of " + frame.length + " bytes is too short");
        int bodyEnd = frame.length - macLen;
        if (recvMac != null) {
            byte[] expected = tag(recvMac, recvDirection, frame, bodyEnd);
            byte[] actual = Arrays.copyOfRange(frame, bodyEnd, frame.length);
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new FrameRejectedException(FrameRejectedException.Kind.FORGED, "frame MAC does not verify");
            }
        }
        long seq = ByteBuffer.wrap(frame, 0, SEQ_BYTES).getLong();
        if (seq <= lastRecvSeq) {
            throw new FrameRejectedException(FrameRejectedException.Kind.REPLAYED,
                    "frame sequence " + seq + " is not above the last accepted " + lastRecvSeq);
        }
        lastRecvSeq = seq;
        return Arrays.copyOfRange(frame, SEQ_BYTES, bodyEnd);
    }

    private static byte[] tag(Mac mac, byte direction, byte[] data, int len) {
        mac.update(direction);
        mac.update(data, 0, len);
        return mac.doFinal();
    }

    static Mac mac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
