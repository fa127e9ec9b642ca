package io.ado.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A text WebSocket client over the JDK's {@link java.net.http.WebSocket}: whole messages in,
 * whole messages out, sends serialized on one thread (the JDK allows one outstanding send).
 * {@code onClose} runs once, whether the peer closed, the network failed or we closed.
 */
public final class TextWebSocket implements AutoCloseable {
    private static final String STOP = new String("stop");

    private final WebSocket ws;
    private final LinkedBlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();

    private TextWebSocket(WebSocket ws) {
        this.ws = ws;
        Thread.ofVirtual().name("ws-send").start(this::sendLoop);
    }

    /** Connects, or throws when the server cannot be reached within {@code timeout}. */
    public static TextWebSocket connect(HttpClient http, URI uri, Duration timeout, Consumer<String> onMessage, Consumer<String> onClose)
            throws Exception {
        return connect(http, uri, Map.of(), timeout, onMessage, onClose);
    }

    /** As above, with request headers on the upgrade (e.g. {@code Authorization}). */
    public static TextWebSocket connect(HttpClient http, URI uri, Map<String, String> headers, Duration timeout,
                                        Consumer<String> onMessage, Consumer<String> onClose) throws Exception {
        CompletableFuture<String> closedSignal = new CompletableFuture<>();
        closedSignal.thenAccept(onClose);
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String m = partial.toString();
                    partial.setLength(0);
                    try {
                        onMessage.accept(m);
                    } catch (RuntimeException e) {
                        // a handler bug must not kill the connection's reader
                    }
                }
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                closedSignal.complete(status + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) { closedSignal.complete("error: " + error); }
        };
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(b::header);
        WebSocket ws = b.buildAsync(uri, listener).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        TextWebSocket t = new TextWebSocket(ws);
        closedSignal.thenAccept(t.closed::complete);
        return t;
    }

    /** Queues a message; dropped silently once the socket is closed (callers resend on reconnect). */
    public void send(String text) {
        if (!closed.isDone()) outgoing.add(text);
    }

    public boolean isOpen() { return !closed.isDone(); }

    /** Completes with the close reason. */
    public CompletableFuture<String> closedFuture() { return closed; }

    private void sendLoop() {
        try {
            while (true) {
                String m = outgoing.take();
                if (m == STOP || closed.isDone()) return;
                ws.sendText(m, true).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            abort("send failed: " + e);
        }
    }

    /** Drops the connection at once, as a crash would. */
    public void abort(String why) {
        ws.abort();
        closed.complete(why);
        outgoing.add(STOP);
    }

    @Override
    public void close() {
        outgoing.add(STOP);
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            ws.abort();
        }
        closed.complete("closed by us");
    }
}
