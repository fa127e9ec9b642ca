package io.ado.controller.api;

import io.ado.controller.plane.ApiException;
import io.ado.controller.plane.ControlPlane;
import io.ado.controller.plane.PlaneStatus;
import io.ado.controller.state.EventBus;
import io.ado.controller.state.StateStore;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.ErrorBody;
import io.ado.protocol.Json;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskView;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerView;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Routes of {@code /api/v1}. Reads go straight to the store (it is thread-safe); anything that
 * changes tasks or workers is a call to the control plane process, which answers a value or an
 * {@link ApiException}.
 */
public final class ControllerApi {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_LIST = 1000;
    private static final java.util.concurrent.Executor REPLIES = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    /** Most tasks one POST may create. */
    static final int MAX_BATCH = 1000;

    private final ProcessRuntime runtime;
    private final Supplier<ProcessRef> plane;
    private final Supplier<String> leaderUrl;
    private final LeaderForwarder forwarder = new LeaderForwarder();
    private final java.util.Set<WsWorkerLink> workerLinks = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final StateStore store;
    private final EventBus events;
    private final Supplier<Map<String, Object>> effectiveConfig;
    private final long startedAt;
    private final AtomicLong connections = new AtomicLong();
    private final byte[] token;

    /**
     * @param plane the control plane while this replica leads, else null: then what needs it is
     *     forwarded to {@code leaderUrl} and worker connections are refused with the leader's URL
     */
    public ControllerApi(ProcessRuntime runtime, Supplier<ProcessRef> plane, Supplier<String> leaderUrl, StateStore store, EventBus events,
                         Supplier<Map<String, Object>> effectiveConfig, long startedAt, String apiToken) {
        this.token = apiToken == null ? null : ("Bearer " + apiToken).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.runtime = runtime;
        this.plane = plane;
        this.leaderUrl = leaderUrl;
        this.store = store;
        this.events = events;
        this.effectiveConfig = effectiveConfig;
        this.startedAt = startedAt;
    }

    public void install(Javalin app) {
        if (token != null) {
            app.before("/api/*", this::authorize);
            app.wsBeforeUpgrade(this::authorize);
        }
        app.post("/api/v1/tasks", ctx -> {
            if (forwarded(ctx)) return;
            ControlPlane.Msg submit = submission(ctx);
            // Asynchronous: no server thread is parked per submit in flight while the batch commits. The
            // reply is written by the thread that completes the call (the control plane's, after its
            // commit): measured faster than a hand-over, and it cannot block there, since an HTTP/1.1
            // connection has one small response outstanding at a time and it fits the socket buffer.
            java.util.function.BiFunction<Object, Throwable, Object> reply = (created, failure) -> {
                if (failure == null) ctx.status(201).contentType("application/json").result(Json.write(created));
                else if (unwrap(failure) instanceof ApiException e) error(ctx, e.status(), e.code(), e.getMessage());
                else error(ctx, 500, "internal", unwrap(failure).toString());
                return null;
            };
            // A list's reply can be large enough to block on a slow reader: written on a thread of its own.
            ctx.future(() -> submit instanceof ControlPlane.SubmitAll
                    ? callAsync(submit).handleAsync(reply, REPLIES) : callAsync(submit).handle(reply));
        });
        app.get("/api/v1/tasks", ctx -> {
            boolean all = Boolean.parseBoolean(ctx.queryParam("all"));
            int limit = intParam(ctx, "limit", 100, 1, MAX_LIST);
            json(ctx, store.tasks(all, limit).stream().map(t -> t.view(List.of())).toList());
        });
        app.get("/api/v1/tasks/{id}", ctx -> json(ctx, view(ctx.pathParam("id"))));
        app.post("/api/v1/tasks/{id}/cancel", ctx -> {
            if (forwarded(ctx)) return;
            call(new ControlPlane.Cancel(ctx.pathParam("id")));
            json(ctx, view(ctx.pathParam("id")));
        });
        app.get("/api/v1/tasks/{id}/output", ctx -> {
            TaskRecord t = task(ctx.pathParam("id"));
            long from = intParam(ctx, "from", 0, 0, Integer.MAX_VALUE);
            int limit = intParam(ctx, "limit", MAX_LIST, 1, 10 * MAX_LIST);
            var chunks = store.output(t.id(), from, limit).stream().map(c -> c.message()).toList();
            long next = chunks.isEmpty() ? from : chunks.get(chunks.size() - 1).seq() + 1;
            json(ctx, new io.ado.protocol.OutputPage(t.id(), t.status(), chunks, next));
        });
        app.get("/api/v1/workers", ctx -> {
            if (!forwarded(ctx)) json(ctx, workers());
        });
        app.get("/api/v1/workers/{id}", ctx -> {
            if (forwarded(ctx)) return;
            String id = ctx.pathParam("id");
            json(ctx, workers().stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow(() -> ApiException.notFound("worker", id)));
        });
        app.post("/api/v1/workers/{id}/drain", ctx -> {
            if (!forwarded(ctx)) json(ctx, call(new ControlPlane.Drain(ctx.pathParam("id"))));
        });
        app.get("/api/v1/admin/status", ctx -> {
            if (forwarded(ctx)) return;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", "ok");
            m.put("protocolVersion", io.ado.protocol.Protocol.VERSION);
            m.put("uptimeMs", System.currentTimeMillis() - startedAt);
            m.put("role", "leader");
            m.put("leader", leaderUrl.get());
            PlaneStatus plane = (PlaneStatus) call(new ControlPlane.Status());
            m.put("workers", plane.workers());
            m.put("unfinishedTasks", plane.unfinishedTasks());
            m.put("queued", plane.queued());
            m.put("scalingAdvice", plane.scalingAdvice());
            json(ctx, m);
        });
        app.get("/api/v1/admin/config", ctx -> json(ctx, effectiveConfig.get()));

        app.ws("/api/v1/workers/connect", ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(Duration.ofMinutes(10));
                String id = "c" + connections.incrementAndGet();
                WsWorkerLink link = new WsWorkerLink(id, new Outbox(ctx, id));
                if (plane.get() == null) {
                    refuse(link);
                    return;
                }
                ctx.attribute("link", link);
                ctx.attribute("outbox", link.outbox());
                workerLinks.add(link);
            });
            ws.onMessage(ctx -> {
                WsWorkerLink link = ctx.attribute("link");
                ProcessRef p = plane.get();
                if (link == null) return;
                if (p == null) {
                    refuse(link);
                    return;
                }
                WorkerMessage msg;
                try {
                    msg = Json.read(ctx.message(), WorkerMessage.class);
                } catch (IllegalArgumentException e) {
                    link.send(new io.ado.protocol.ControllerMessage.Error("bad_message", e.getMessage()));
                    return;
                }
                runtime.cast(p, new ControlPlane.FromWorker(link, msg));
            });
            ws.onClose(ctx -> {
                stopOutbox(ctx);
                WsWorkerLink link = ctx.attribute("link");
                ProcessRef p = plane.get();
                if (link != null) workerLinks.remove(link);
                if (link != null && p != null) runtime.cast(p, new ControlPlane.Disconnected(link));
            });
        });
        app.ws("/api/v1/tasks/{id}/stream", ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(Duration.ofHours(24));
                Outbox out = new Outbox(ctx, "stream");
                ctx.attribute("outbox", out);
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
                stopOutbox(ctx);
                TaskStreamSubscription sub = ctx.attribute("sub");
                if (sub != null) sub.stop();
            });
        });
        app.ws("/api/v1/events", ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(Duration.ofHours(24));
                Outbox out = new Outbox(ctx, "events");
                ctx.attribute("outbox", out);
                ctx.attribute("unsub", events.subscribeEvents(out::send));
            });
            ws.onClose(ctx -> {
                stopOutbox(ctx);
                Runnable unsub = ctx.attribute("unsub");
                if (unsub != null) unsub.run();
            });
        });

        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, "bad_request", e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), switch (e.getStatus()) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            default -> "http_" + e.getStatus();
        }, e.getStatus() == 404 ? "no route " + ctx.method() + " " + ctx.path() : e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal", e.toString()));
        app.error(404, ctx -> {
            if (!ctx.result().isEmpty() && ctx.result().startsWith("{")) return; // already our JSON
            error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
        });
        app.error(405, ctx -> error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
    }

    /** On a standby, answers the request by forwarding it to the leader; false on the leader. */
    private boolean forwarded(Context ctx) throws Exception {
        if (plane.get() != null) return false;
        forwarder.forward(ctx, leaderUrl.get());
        return true;
    }

    /** A standby takes no workers: it names the leader and hangs up, and the worker tries its next URL. */
    private void refuse(WsWorkerLink link) {
        String leader = leaderUrl.get();
        link.send(new io.ado.protocol.ControllerMessage.Error("not_leader",
                "this controller is a standby; " + (leader == null ? "no leader right now, retry" : "the leader is " + leader)));
        link.close("not the leader");
    }

    /** Deposed (or the control plane restarted): every worker must reconnect, to whoever leads now. */
    public void closeWorkerLinks(String why) {
        for (WsWorkerLink l : List.copyOf(workerLinks)) {
            workerLinks.remove(l);
            l.close(why);
        }
    }

    private static void stopOutbox(io.javalin.websocket.WsContext ctx) {
        Outbox out = ctx.attribute("outbox");
        if (out != null) out.stop();
    }

    /** Constant-time comparison; the presented value is never logged or echoed. */
    private void authorize(Context ctx) {
        String h = ctx.header("Authorization");
        byte[] given = h == null ? new byte[0] : h.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!java.security.MessageDigest.isEqual(given, token)) {
            throw new ApiException(401, "unauthorized", "missing or wrong API token: send Authorization: Bearer <token> (the CLI and workers use $ADO_TOKEN)");
        }
    }

    /** {@link #call} without parking the request thread; fails with the same {@link ApiException}s. */
    private java.util.concurrent.CompletableFuture<Object> callAsync(ControlPlane.Msg msg) {
        ProcessRef p = plane.get();
        if (p == null) return java.util.concurrent.CompletableFuture.failedFuture(notLeader());
        return runtime.callAsync(p, msg, CALL_TIMEOUT).thenApply(ControllerApi::answer)
                .exceptionallyCompose(e -> java.util.concurrent.CompletableFuture.failedFuture(failure(e)));
    }

    private Object call(ControlPlane.Msg msg) {
        ProcessRef p = plane.get();
        if (p == null) throw notLeader();
        try {
            return answer(runtime.call(p, msg, CALL_TIMEOUT));
        } catch (RuntimeException e) {
            throw (RuntimeException) failure(e);
        }
    }

    /** The control plane answers a value or an {@link ApiException}. */
    private static Object answer(Object r) {
        if (r instanceof ApiException e) throw e;
        return r;
    }

    private static ApiException notLeader() { return new ApiException(503, "not_leader", "this replica stopped leading; retry"); }

    /** What a failed call to the control plane means to the client. */
    private static Throwable failure(Throwable e) {
        return switch (unwrap(e)) {
            case ApiException api -> api;
            // Restarting under its supervisor: nothing was done for this request.
            case io.ado.runtime.ProcessExitException x -> new ApiException(503, "unavailable", "the control plane is restarting; retry");
            case io.ado.runtime.CallTimeoutException x -> new ApiException(503, "timeout", "the control plane did not answer within "
                    + CALL_TIMEOUT.toSeconds() + " s (the store may be slow); the request may or may not have taken effect");
            case Throwable other -> other;
        };
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) e = e.getCause();
        return e;
    }

    @SuppressWarnings("unchecked")
    private List<WorkerView> workers() { return (List<WorkerView>) call(new ControlPlane.ListWorkers()); }

    private TaskRecord task(String id) { return store.task(id).orElseThrow(() -> ApiException.notFound("task", id)); }

    private TaskView view(String id) {
        TaskRecord t = task(id);
        return t.view(store.attempts(id).stream().map(a -> a.view()).toList());
    }

    /**
     * The body of {@code POST /api/v1/tasks}: one task object, or an array of 1..{@link #MAX_BATCH}
     * (created together: all or none). Every element is checked before anything is created.
     */
    private static ControlPlane.Msg submission(Context ctx) {
        String text = ctx.body(); // throws 413 past maxRequestSize
        if (!text.stripLeading().startsWith("[")) return new ControlPlane.Submit(parse(text, TaskSpec.class));
        com.fasterxml.jackson.databind.JsonNode list;
        try {
            list = Json.MAPPER.readTree(text);
            if (!list.isArray()) throw ApiException.badRequest("invalid task list: expected one JSON array");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("invalid task list: " + Json.reason(e));
        }
        if (list.isEmpty() || list.size() > MAX_BATCH) throw ApiException.badRequest("a task list holds 1 to " + MAX_BATCH + " tasks, not " + list.size());
        List<TaskSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) throw ApiException.badRequest("invalid TaskSpec at [" + i + "]: expected a JSON object, not " + list.get(i).getNodeType());
            try {
                specs.add(Json.MAPPER.treeToValue(list.get(i), TaskSpec.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                throw ApiException.badRequest("invalid TaskSpec at [" + i + "]: " + Json.reason(e));
            }
        }
        return new ControlPlane.SubmitAll(specs);
    }

    private static <T> T parse(String text, Class<T> type) {
        if (text.isBlank()) throw ApiException.badRequest("request body is empty: expected a JSON " + type.getSimpleName());
        try {
            return Json.read(text, type);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw ApiException.badRequest(name + ": must be " + min + ".." + max);
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": not a number: '" + v + "'");
        }
    }

    private static long parseLong(String v, long dflt) {
        try {
            return v == null ? dflt : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static void json(Context ctx, Object value) { ctx.contentType("application/json").result(Json.write(value)); }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(HttpStatus.forStatus(status)).contentType("application/json").result(Json.write(new ErrorBody(code, message)));
    }
}
