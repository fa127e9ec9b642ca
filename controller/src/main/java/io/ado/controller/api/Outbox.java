package io.ado.controller.api;

import io.ado.protocol.Json;
import io.javalin.websocket.WsContext;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender thread per WebSocket: Jetty's blocking send is not safe from several threads, and
 * the control plane must never wait for a slow peer. Messages are turned into JSON on the
 * sender thread, so the control plane's own thread spends no time on encoding. A peer that falls {@link #LIMIT} messages
 * behind is disconnected; subscribers resume from their last sequence number.
 */
final class Outbox {
    static final int LIMIT = 100_000;
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final Object CLOSE = new Object();

    private final WsContext ctx;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    Outbox(WsContext ctx, String name) {
        this.ctx = ctx;
        Thread.ofVirtual().name("ws-out-" + name).start(this::run);
    }

    /** Queues a message: a String goes as it is, anything else as its JSON. */
    void send(Object message) {
        if (closed) return;
        if (queue.size() >= LIMIT) {
            closed = true;
            queue.clear();
            queue.add(CLOSE);
            return;
        }
        queue.add(message);
    }

    /** Sends what is queued, then closes the socket. */
    void closeAfterDrain() {
        if (closed) return;
        closed = true;
        queue.add(CLOSE);
    }

    private void run() {
        try {
            while (true) {
                Object m = queue.take();
                if (m == CLOSE) { ctx.closeSession(1000, "done"); return; }
                ctx.send(m instanceof String text ? text : Json.write(m));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) { // Jetty's send throws IOException unchecked through Kotlin when the peer is gone
            log.debug("websocket send failed: {}", e.toString());
            closed = true;
            queue.clear();
        }
    }
}
