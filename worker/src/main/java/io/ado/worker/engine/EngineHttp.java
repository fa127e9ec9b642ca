package io.ado.worker.engine;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 to the engine, one request per connection ({@code Connection: close}), so an answer
 * may end with the connection. A request that gets no answer in time has its channel closed by
 * a timer, which ends the blocked read: no call waits on a hung engine forever.
 */
final class EngineHttp {
    /** Most bytes of a whole (non-streamed) answer kept. */
    static final int MAX_BODY = 8 * 1024 * 1024;

    private final EngineAddress address;
    private final ScheduledExecutorService timer;

    EngineHttp(EngineAddress address, ScheduledExecutorService timer) {
        this.address = address;
        this.timer = timer;
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() { return new String(body, StandardCharsets.UTF_8); }
    }

    /** The whole answer within {@code timeout}. */
    Response call(String method, String path, byte[] body, Duration timeout) throws IOException {
        try (EngineStream s = open(method, path, body, timeout, true)) {
            return new Response(s.status(), s.headers(), readAll(s.body()));
        }
    }

    /** Sends the request and reads the answer's head within {@code headTimeout}; the body has no deadline. */
    EngineStream open(String method, String path, byte[] body, Duration headTimeout) throws IOException {
        return open(method, path, body, headTimeout, false);
    }

    private EngineStream open(String method, String path, byte[] body, Duration timeout, boolean wholeAnswer) throws IOException {
        SocketChannel ch = SocketChannel.open(address.socket() != null ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
        ScheduledFuture<?> deadline = timer.schedule(() -> closeQuietly(ch), timeout.toMillis(), TimeUnit.MILLISECONDS);
        boolean handedOver = false;
        try {
            address.connect(ch);
            writeRequest(ch, method, path, body);
            ChannelReader in = new ChannelReader(ch);
            String statusLine = in.readLine();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new IOException("not an HTTP answer from " + address + ": '" + statusLine + "'");
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            boolean none = method.equals("HEAD") || status == 204 || status == 304 || status < 200;
            InputStream bodyIn = HttpBodies.of(in, headers.get("transfer-encoding"), headers.get("content-length"), none);
            if (!wholeAnswer) deadline.cancel(false);
            handedOver = true;
            return new EngineStream(status, headers, bodyIn, ch);
        } catch (ClosedChannelException e) {
            if (deadline.isDone() && !deadline.isCancelled()) throw new IOException("no answer from " + address + " within " + timeout.toMillis() + " ms to " + method + " " + path);
            throw e;
        } finally {
            if (!handedOver) {
                deadline.cancel(false);
                closeQuietly(ch);
            }
        }
    }

    private static void writeRequest(SocketChannel ch, String method, String path, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: docker\r\nUser-Agent: ado-worker\r\nConnection: close\r\n");
        if (body != null) head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        else if (method.equals("POST") || method.equals("PUT")) head.append("Content-Length: 0\r\n");
        head.append("\r\n");
        ByteBuffer h = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.UTF_8));
        while (h.hasRemaining()) ch.write(h);
        if (body != null) {
            ByteBuffer b = ByteBuffer.wrap(body);
            while (b.hasRemaining()) ch.write(b);
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            if (out.size() + n > MAX_BODY) throw new IOException("engine answer larger than " + MAX_BODY + " bytes");
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing to stop: nothing to add
        }
    }
}
