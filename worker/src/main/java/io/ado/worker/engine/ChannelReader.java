package io.ado.worker.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Buffered reads from a blocking channel that return what has arrived (one channel read at
 * most), so a streamed answer is handed on as it comes; plus CRLF lines for the HTTP head and
 * chunk sizes.
 */
final class ChannelReader extends InputStream {
    static final int MAX_LINE = 16 * 1024;
    private final ReadableByteChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocate(16 * 1024).flip();

    ChannelReader(ReadableByteChannel channel) { this.channel = channel; }

    /** False at the end of the stream. */
    private boolean fill() throws IOException {
        if (buf.hasRemaining()) return true;
        buf.clear();
        int n = channel.read(buf);
        buf.flip();
        return n > 0;
    }

    @Override
    public int read() throws IOException { return fill() ? buf.get() & 0xff : -1; }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, buf.remaining());
        buf.get(b, off, n);
        return n;
    }

    /** A line without its CRLF (a bare LF is accepted too); EOF before one is an error. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = read();
            if (c < 0) throw new EOFException("connection closed in the middle of an HTTP line");
            if (c == '\n') break;
            line.append((char) c);
            if (line.length() > MAX_LINE) throw new IOException("HTTP line longer than " + MAX_LINE + " bytes");
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
        return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
