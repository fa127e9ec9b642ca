package io.ado.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sending side of a WebSocket on a real Jetty server and a real client on 127.0.0.1. */
class OutboxIT {
    private Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    private URI serve(Consumer<Outbox> onConnect, Runnable onClose, int limit) {
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false).ws("/ws", ws -> {
            ws.onConnect(ctx -> {
                Outbox out = new Outbox(ctx, "test", limit);
                ctx.attribute("outbox", out);
                Thread.ofVirtual().start(() -> onConnect.accept(out));
            });
            ws.onClose(ctx -> {
                ((Outbox) ctx.attribute("outbox")).stop(); // as the sockets' close handlers do (Outbox.stopAttached)
                onClose.run();
            });
        }).start("127.0.0.1", 0);
        return URI.create("ws://127.0.0.1:" + app.port() + "/ws");
    }

    @AfterEach
    void stop() {
        if (app != null) app.stop();
        http.shutdownNow(); // close() would wait for the socket that was never read
    }

    @Test
    void deliversInOrderThenCloses() throws Exception {
        URI uri = serve(out -> {
            for (int i = 0; i < 2000; i++) out.send("m" + i);
            out.closeAfterDrain();
            out.send("after close"); // refused: the socket is closing
        }, () -> {}, Outbox.LIMIT);
        List<String> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                got.add(data.toString());
                ws.request(1);
                return null;
            }

            @Override public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                closed.complete(status);
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) expected.add("m" + i);
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @Test
    void theSenderThreadEndsWhenThePeerCloses() throws Exception {
        CompletableFuture<Outbox> outbox = new CompletableFuture<>();
        URI uri = serve(out -> {
            out.send("hello");
            outbox.complete(out);
        }, () -> {}, Outbox.LIMIT);
        CompletableFuture<String> got = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                got.complete(data.toString());
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        assertThat(got.get(5, TimeUnit.SECONDS)).isEqualTo("hello");
        Outbox out = outbox.get(5, TimeUnit.SECONDS);
        assertThat(out.sending()).isTrue(); // idle, waiting for the next message
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !out.sending()); // not parked for good on an empty queue
    }

    @Test
    void aPeerThatStopsReadingIsDisconnectedAndTheSenderNeverBlocks() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> serverClosed = new CompletableFuture<>();
        String chunk = "x".repeat(16 * 1024);
        URI uri = serve(out -> {
            for (int i = 0; i < 5000; i++) { // 80 MB: far more than the socket buffers hold
                out.send(chunk);
                sent.incrementAndGet();
            }
        }, () -> serverClosed.complete(null), 50);
        http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override public void onOpen(WebSocket ws) {} // never requests a message: nothing is read
        }).get(5, TimeUnit.SECONDS);
        // The session is dropped well before Jetty's idle timeout (30 s) would close it; get throws if not.
        serverClosed.get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> sent.get() == 5000); // the sender was never stuck behind the peer
    }
}
