package io.ado.cluster.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    @Test
    void framesRoundTripBackToBack() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buf);
        FrameCodec.write(out, "one".getBytes(), 1024);
        FrameCodec.write(out, new byte[0], 1024);
        FrameCodec.write(out, "three".getBytes(), 1024);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(buf.toByteArray()));
        assertThat(new String(FrameCodec.read(in, 1024))).isEqualTo("one");
        assertThat(FrameCodec.read(in, 1024)).isEmpty();
        assertThat(new String(FrameCodec.read(in, 1024))).isEqualTo("three");
        assertThatThrownBy(() -> FrameCodec.read(in, 1024)).isInstanceOf(EOFException.class);
    }

    @Test
    void oversizedLengthIsRejectedBeforeAllocating() {
        byte[] header = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}; // claims 2 GB
        assertThatThrownBy(() -> FrameCodec.read(new DataInputStream(new ByteArrayInputStream(header)), 4096))
                .isInstanceOfSatisfying(FrameRejectedException.class, e -> assertThat(e.kind()).isEqualTo(FrameRejectedException.Kind.OVERSIZED));
        assertThatThrownBy(() -> FrameCodec.write(new DataOutputStream(new ByteArrayOutputStream()), new byte[2000], 1024))
                .isInstanceOf(FrameRejectedException.class);
    }

    @Test
    void negativeLengthIsMalformed() {
        byte[] header = {(byte) 0xff, 0, 0, 0};
        assertThatThrownBy(() -> FrameCodec.read(new DataInputStream(new ByteArrayInputStream(header)), 4096))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void truncatedBodyIsEof() {
        byte[] data = {0, 0, 0, 10, 1, 2, 3};
        assertThatThrownBy(() -> FrameCodec.read(new DataInputStream(new ByteArrayInputStream(data)), 4096)).isInstanceOf(EOFException.class);
    }
}
