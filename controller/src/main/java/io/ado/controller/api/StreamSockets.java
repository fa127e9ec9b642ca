package io.ado.controller.api;

import io.ado.controller.state.EventBus;
import io.ado.controller.state.StateStore;
import io.ado.protocol.ErrorBody;
import io.ado.protocol.Json;
import io.javalin.Javalin;
import java.time.Duration;

/**
 * The subscribers' WebSockets: {@code /api/v1/tasks/{id}/stream} (one task's output from a
 * sequence number, then its end) and {@code /api/v1/events} (the system event stream). They
 * read the store and the event bus, never the control plane, so a standby serves them too.
 */
final class StreamSockets {
    private final StateStore store;
    private final EventBus events;

    StreamSockets(StateStore store, EventBus events) {
        this.store = store;
        this.events = events;
    }

    void install(Javalin app) {
        app.ws("/api/v1/tasks/{id}/stream", ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(Duration.ofHours(24));
                Outbox out = new Outbox(ctx, "stream");
                ctx.attribute(Outbox.ATTRIBUTE, out);
                String id = ctx.pathParam("id");
                if (store.task(id).isEmpty()) {
                    out.send(Json.write(new ErrorBody("not_found", "no task with id '" + id + "'")));
                    out.closeAfterDrain();
                    return;
                }
                long from = parseLong(ctx.queryParam("from"), 0);
                TaskStreamSubscription sub = new TaskStreamSubscription(id, from, out);
                ctx.attribute("sub", sub);
                // Replay on its own thread: a long history must not hold Jetty's connect callback.
                Thread.ofVirtual().start(() -> sub.start(events, store));
            });
            ws.onClose(ctx -> {
                Outbox.stopAttached(ctx);
                TaskStreamSubscription sub = ctx.attribute("sub");
                if (sub != null) sub.stop();
            });
        });
        app.ws("/api/v1/events", ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(Duration.ofHours(24));
                Outbox out = new Outbox(ctx, "events");
                ctx.attribute(Outbox.ATTRIBUTE, out);
                ctx.attribute("unsub", events.subscribeEvents(out::send));
            });
            ws.onClose(ctx -> {
                Outbox.stopAttached(ctx);
                Runnable unsub = ctx.attribute("unsub");
                if (unsub != null) unsub.run();
            });
        });
    }

    /** A malformed {@code from} streams from the start, as a missing one does. */
    private static long parseLong(String v, long dflt) {
        try {
            return v == null ? dflt : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
