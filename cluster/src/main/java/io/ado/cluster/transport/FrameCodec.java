package io.ado.cluster.transport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Length-prefixed frames: a 4-byte big-endian length, then that many bytes. The length is
 * checked against the limit before anything is allocated, so a peer cannot make this node
 * reserve a huge buffer.
 */
public final class FrameCodec {
    private FrameCodec() {}

    public static void write(DataOutputStream out, byte[] body, int maxFrameBytes) throws IOException {
        if (body.length > maxFrameBytes) {
            throw new FrameRejectedException(FrameRejectedException.Kind.OVERSIZED,
                    "outgoing frame of " + body.length + " bytes exceeds the limit of " + maxFrameBytes);
        }
        out.writeInt(body.length);
        out.write(body);
    }

    /**
     * Reads one frame.
     *
     * @throws EOFException at a clean end of stream before a frame starts, or inside a frame
     * @throws FrameRejectedException OVERSIZED or MALFORMED (negative length)
     */
    public static byte[] read(DataInputStream in, int maxFrameBytes) throws IOException {
        int len = in.readInt();
        if (len < 0) throw new MalformedFrameException("negative frame length " + len);
        if (len > maxFrameBytes) {
            throw new FrameRejectedException(FrameRejectedException.Kind.OVERSIZED,
                    "frame of " + len + " bytes exceeds the limit of " + maxFrameBytes);
        }
        byte[] body = new byte[len];
        in.readFully(body);
        return body;
    }
}
