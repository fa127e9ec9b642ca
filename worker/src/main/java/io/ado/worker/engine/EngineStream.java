package io.ado.worker.engine;

import java.io.InputStream;
import java.nio.channels.SocketChannel;
import java.util.Map;

/** An engine's answer whose body is read as it arrives; closing it closes the connection, which ends a read blocked on it. */
public final class EngineStream implements AutoCloseable {
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private final SocketChannel channel;

    EngineStream(int status, Map<String, String> headers, InputStream body, SocketChannel channel) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.channel = channel;
    }

    public int status() { return status; }

    /** Header names in lower case. */
    public Map<String, String> headers() { return headers; }

    public InputStream body() { return body; }

    @Override public void close() { EngineHttp.closeQuietly(channel); }
}
