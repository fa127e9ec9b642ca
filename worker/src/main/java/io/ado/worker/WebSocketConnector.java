package io.ado.worker;

import io.ado.client.TextWebSocket;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Json;
import io.ado.protocol.WorkerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production {@link ControllerConnector}: a {@link TextWebSocket} over the JDK {@link HttpClient}, JSON on the wire. */
public final class WebSocketConnector implements ControllerConnector {
    private static final Logger log = LoggerFactory.getLogger(WebSocketConnector.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;

    public WebSocketConnector() { this(HttpClient.newHttpClient()); }

    public WebSocketConnector(HttpClient http) { this.http = http; }

    @Override
    public Connection connect(URI uri, Map<String, String> headers, Consumer<ControllerMessage> onMessage) throws Exception {
        Consumer<String> decode = text -> {
            ControllerMessage m;
            try {
                m = Json.read(text, ControllerMessage.class);
            } catch (IllegalArgumentException e) {
                log.warn("unreadable message from controller {}: {}", uri, e.getMessage());
                return;
            }
            onMessage.accept(m);
        };
        return new SocketConnection(TextWebSocket.connect(http, uri, headers, CONNECT_TIMEOUT, decode, why -> {}));
    }

    private record SocketConnection(TextWebSocket ws) implements Connection {
        @Override public void send(WorkerMessage message) { ws.send(Json.write(message)); }

        @Override public CompletableFuture<String> closed() { return ws.closedFuture(); }

        @Override public void close() { ws.close(); }

        @Override public void abort(String why) { ws.abort(why); }
    }
}
