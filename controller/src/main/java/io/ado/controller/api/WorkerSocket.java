package io.ado.controller.api;

import io.ado.controller.plane.ControlPlane;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Json;
import io.ado.protocol.WorkerMessage;
import io.ado.runtime.ProcessRef;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /api/v1/workers/connect}: a worker's WebSocket. Each connection is a {@link WsWorkerLink}
 * whose messages go to the control plane as {@link ControlPlane.FromWorker}; a standby takes no
 * workers and names the leader instead.
 */
final class WorkerSocket {
    private final PlaneClient plane;
    private final ApiAuth auth; // null: no API token, no connection is join-only
    private final Set<WsWorkerLink> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();

    WorkerSocket(PlaneClient plane, ApiAuth auth) {
        this.plane = plane;
        this.auth = auth;
    }

    void install(Javalin app) {
        app.ws(ApiAuth.WORKER_SOCKET, ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(Duration.ofMinutes(10));
                String id = "c" + connections.incrementAndGet();
                // Past ApiAuth's gate without the API token means on a join token: the plane must see one at register.
                boolean joinOnly = auth != null && !auth.isApiToken(ctx.header("Authorization"));
                WsWorkerLink link = new WsWorkerLink(id, new Outbox(ctx, id), joinOnly);
                if (plane.plane() == null) {
                    refuse(link);
                    return;
                }
                ctx.attribute("link", link);
                ctx.attribute(Outbox.ATTRIBUTE, link.outbox());
                links.add(link);
            });
            ws.onMessage(ctx -> {
                WsWorkerLink link = ctx.attribute("link");
                ProcessRef p = plane.plane();
                if (link == null) return;
                if (p == null) {
                    refuse(link);
                    return;
                }
                WorkerMessage msg;
                try {
                    msg = Json.read(ctx.message(), WorkerMessage.class);
                } catch (IllegalArgumentException e) {
                    link.send(new ControllerMessage.Error("bad_message", e.getMessage()));
                    return;
                }
                plane.cast(p, new ControlPlane.FromWorker(link, msg));
            });
            ws.onClose(ctx -> {
                Outbox.stopAttached(ctx);
                WsWorkerLink link = ctx.attribute("link");
                ProcessRef p = plane.plane();
                if (link != null) links.remove(link);
                if (link != null && p != null) plane.cast(p, new ControlPlane.Disconnected(link));
            });
        });
    }

    /** Deposed (or the control plane restarted): every worker must reconnect, to whoever leads now. */
    void closeAll(String why) {
        for (WsWorkerLink l : List.copyOf(links)) {
            links.remove(l);
            l.close(why);
        }
    }

    /** A standby takes no workers: it names the leader and hangs up, and the worker tries its next URL. */
    private void refuse(WsWorkerLink link) {
        String leader = plane.leaderUrl();
        link.send(new ControllerMessage.Error("not_leader",
                "this controller is a standby; " + (leader == null ? "no leader right now, retry" : "the leader is " + leader)));
        link.close("not the leader");
    }
}
