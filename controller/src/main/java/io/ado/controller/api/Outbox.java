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
 * behind is disconnected at once (its sender may be stuck in a write it never reads: queuing
 * the close behind it would never close); subscribers resume from their last sequence number.
 */
final class Outbox {
    static final int LIMIT = 100_000;
    /** The {@code WsContext} attribute that holds a socket's outbox, so its close handler can stop it. */
    static final String ATTRIBUTE = "outbox";
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final Object CLOSE = new Object();
    private static final Object STOP = new Object(); // ends the sender thread: the session is gone

    private final WsContext ctx;
    private final String name;
    private final int limit;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private final Thread sender;

    Outbox(WsContext ctx, String name) { this(ctx, name, LIMIT); }

    Outbox(WsContext ctx, String name, int limit) {
        this.ctx = ctx;
        this.name = name;
        this.limit = limit;
        this.sender = Thread.ofVirtual().name("ws-out-" + name).start(this::run);
    }

    /** Queues a message: a String goes as it is, anything else as its JSON. */
    void send(Object message) {
        if (closed) return;
        if (queue.size() >= limit) {
            stop();
            log.warn("websocket {} fell {} messages behind: disconnected", name, limit);
            ctx.session.disconnect(); // fails the sender's write in progress, if any
            return;
        }
        queue.add(message);
    }

    /** Whether the sender thread still runs (tests: it must end with its socket). */
    boolean sending() { return sender.isAlive(); }

    /** The socket closed: the sender thread ends (it would otherwise wait on the queue for good). */
    void stop() {
        closed = true;
        queue.clear();
        queue.add(STOP);
    }

    /** Stops the outbox attached to {@code ctx}, if any: its socket closed. */
    static void stopAttached(WsContext ctx) {
        Outbox out = ctx.attribute(ATTRIBUTE);
        if (out != null) out.stop();
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
                if (m == STOP) return;
                ctx.send(m instanceof String text ? text : Json.write(m));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) { // Jetty's send throws IOException unchecked through Kotlin when the peer is gone
            log.debug("websocket {} send failed: {}", name, e.toString());
            closed = true;
            queue.clear();
            ctx.session.disconnect(); // a message that could not be sent must not leave the peer waiting on an open socket
        }
    }
}
