package io.ado.worker.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The body of an HTTP/1.1 answer as a stream: chunked, of a known length, or up to the end of the connection. */
final class HttpBodies {
    private HttpBodies() {}

    static InputStream of(ChannelReader in, String transferEncoding, String contentLength, boolean none) {
        if (none) return InputStream.nullInputStream();
        if (transferEncoding != null && transferEncoding.toLowerCase().contains("chunked")) return new Chunked(in);
        if (contentLength != null) return new Limited(in, Long.parseLong(contentLength.trim()));
        return in;
    }

    /** {@code Transfer-Encoding: chunked}: a hex size line, that many bytes, CRLF; size 0 ends it (trailers skipped). */
    static final class Chunked extends InputStream {
        private final ChannelReader in;
        private long left; // of the current chunk
        private boolean crlfDue; // read before the next size line, not after the data: data is handed on as soon as it is in
        private boolean done;

        Chunked(ChannelReader in) { this.in = in; }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) return -1;
            if (left == 0) {
                if (crlfDue) in.readLine();
                crlfDue = false;
                String size = in.readLine();
                int semi = size.indexOf(';');
                try {
                    left = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size '" + size + "'");
                }
                if (left == 0) {
                    while (!in.readLine().isEmpty()) { } // trailers
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) throw new EOFException("connection closed inside a chunk");
            left -= n;
            crlfDue = left == 0;
            return n;
        }
    }

    /** {@code Content-Length}: exactly that many bytes. */
    static final class Limited extends InputStream {
        private final ChannelReader in;
        private long left;

        Limited(ChannelReader in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int c = in.read();
            if (c < 0) throw new EOFException("connection closed " + left + " bytes before the end of the body");
            left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) throw new EOFException("connection closed " + left + " bytes before the end of the body");
            left -= n;
            return n;
        }
    }
}
