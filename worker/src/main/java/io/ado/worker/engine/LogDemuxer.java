package io.ado.worker.engine;

import io.ado.protocol.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits the body of {@code GET /containers/{id}/logs} into stdout and stderr text. Without a
 * TTY the engine multiplexes: frames of an 8-byte header (byte 0: 1 = stdout, 2 = stderr; bytes
 * 4-7: the payload's length, big-endian) and the payload. With a TTY the bytes are the terminal's,
 * all stdout. Which of the two is decided by the container's TTY setting, never by the answer's
 * Content-Type: Podman says {@code raw-stream} for both. Frames may be cut anywhere between two
 * reads, a UTF-8 character too; each is put together before it is handed on. {@link #resumedAfter}
 * reads a second fetch of the same log from where this one's text ended, stream by stream (for a
 * follow that did not end). Not thread-safe.
 */
public final class LogDemuxer {
    @FunctionalInterface
    public interface Sink {
        void text(OutputStream stream, String text);
    }

    private final boolean tty;
    private final Sink sink;
    private final Utf8 stdout = new Utf8();
    private final Utf8 stderr = new Utf8();
    private final byte[] header = new byte[8];
    private int headerHave;
    private long payloadLeft;
    private OutputStream current;

    public LogDemuxer(boolean tty, Sink sink) {
        this.tty = tty;
        this.sink = sink;
    }

    /** A demuxer for a new fetch of the whole log that skips, per stream, the bytes this one already handed on as text. */
    public LogDemuxer resumedAfter() {
        LogDemuxer next = new LogDemuxer(tty, sink);
        next.stdout.skip = stdout.consumed;
        next.stderr.skip = stderr.consumed;
        return next;
    }

    public void feed(byte[] buf, int off, int len) {
        if (tty) {
            emit(OutputStream.STDOUT, buf, off, len);
            return;
        }
        int end = off + len;
        while (off < end) {
            if (payloadLeft == 0) {
                int n = Math.min(8 - headerHave, end - off);
                System.arraycopy(buf, off, header, headerHave, n);
                headerHave += n;
                off += n;
                if (headerHave < 8) return;
                headerHave = 0;
                current = header[0] == 2 ? OutputStream.STDERR : OutputStream.STDOUT; // 0 (stdin echo) and 1: stdout
                payloadLeft = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
                continue;
            }
            int n = (int) Math.min(payloadLeft, end - off);
            emit(current, buf, off, n);
            off += n;
            payloadLeft -= n;
        }
    }

    /** The end of the stream: what an incomplete character left behind goes out as a replacement character. */
    public void finish() {
        flush(OutputStream.STDOUT, stdout.finish());
        flush(OutputStream.STDERR, stderr.finish());
    }

    private void emit(OutputStream stream, byte[] buf, int off, int len) {
        flush(stream, (stream == OutputStream.STDERR ? stderr : stdout).decode(buf, off, len));
    }

    private void flush(OutputStream stream, String text) {
        if (!text.isEmpty()) sink.text(stream, text);
    }

    /** UTF-8 decoding that keeps the bytes of a character cut between two calls for the next one. */
    private static final class Utf8 {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private byte[] pending = new byte[0];
        long consumed; // bytes turned into text so far
        long skip; // bytes a resumed fetch drops first: the earlier fetch's text

        String decode(byte[] buf, int off, int len) {
            int dropped = (int) Math.min(skip, len);
            skip -= dropped;
            off += dropped;
            len -= dropped;
            ByteBuffer in = ByteBuffer.allocate(pending.length + len).put(pending).put(buf, off, len).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, out, false);
            pending = new byte[in.remaining()];
            in.get(pending);
            consumed += in.position() - pending.length;
            return out.flip().toString();
        }

        String finish() {
            ByteBuffer in = ByteBuffer.wrap(pending);
            CharBuffer out = CharBuffer.allocate(pending.length + 2);
            decoder.decode(in, out, true);
            decoder.flush(out);
            pending = new byte[0];
            decoder.reset();
            return out.flip().toString();
        }
    }
}
