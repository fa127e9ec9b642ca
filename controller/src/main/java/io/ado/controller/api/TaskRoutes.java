package io.ado.controller.api;

import static io.ado.controller.api.Responses.error;
import static io.ado.controller.api.Responses.json;

import io.ado.controller.plane.ApiException;
import io.ado.controller.plane.ControlPlane;
import io.ado.controller.plane.PlaneSnapshot;
import io.ado.controller.state.StateStore;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.Json;
import io.ado.protocol.OutputPage;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@code /api/v1/tasks}: submit, list, get, cancel, output. Reads go straight to the store (it is
 * thread-safe); submit and cancel are calls to the control plane, forwarded to the leader on a standby.
 * A pending task's view carries why it waits, from the plane's last published snapshot (none on a standby).
 */
final class TaskRoutes {
    private static final int MAX_LIST = 1000;
    private static final Executor REPLIES = Executors.newVirtualThreadPerTaskExecutor();

    private final StateStore store;
    private final PlaneClient plane;
    private final Supplier<PlaneSnapshot> snapshot;

    TaskRoutes(StateStore store, PlaneClient plane, Supplier<PlaneSnapshot> snapshot) {
        this.store = store;
        this.plane = plane;
        this.snapshot = snapshot;
    }

    void install(Javalin app) {
        app.post("/api/v1/tasks", this::submit);
        app.get("/api/v1/tasks", ctx -> {
            boolean all = Boolean.parseBoolean(ctx.queryParam("all"));
            int limit = intParam(ctx, "limit", 100, 1, MAX_LIST);
            json(ctx, store.tasks(all, limit).stream().map(t -> t.view(List.of())).toList());
        });
        app.get("/api/v1/tasks/{id}", ctx -> json(ctx, view(ctx.pathParam("id"))));
        app.post("/api/v1/tasks/{id}/cancel", ctx -> {
            if (plane.forwarded(ctx)) return;
            plane.call(new ControlPlane.Cancel(ctx.pathParam("id")));
            json(ctx, view(ctx.pathParam("id")));
        });
        app.get("/api/v1/tasks/{id}/output", ctx -> {
            TaskRecord t = task(ctx.pathParam("id"));
            long from = intParam(ctx, "from", 0, 0, Integer.MAX_VALUE);
            int limit = intParam(ctx, "limit", MAX_LIST, 1, 10 * MAX_LIST);
            var chunks = store.output(t.id(), from, limit).stream().map(c -> c.message()).toList();
            long next = chunks.isEmpty() ? from : chunks.get(chunks.size() - 1).seq() + 1;
            json(ctx, new OutputPage(t.id(), t.status(), chunks, next));
        });
    }

    private void submit(Context ctx) throws Exception {
        if (plane.forwarded(ctx)) return;
        ControlPlane.Msg submit = SubmissionParser.parse(ctx.body()); // body() throws 413 past maxRequestSize
        // Asynchronous: no server thread is parked per submit in flight while the batch commits. The
        // reply is written by the thread that completes the call (the control plane's, after its
        // commit): measured faster than a hand-over, and it cannot block there, since an HTTP/1.1
        // connection has one small response outstanding at a time and it fits the socket buffer.
        BiFunction<Object, Throwable, Object> reply = (created, failure) -> {
            if (failure == null) ctx.status(201).contentType("application/json").result(Json.write(created));
            else if (PlaneClient.unwrap(failure) instanceof ApiException e) error(ctx, e.status(), e.code(), e.getMessage());
            else error(ctx, 500, "internal", PlaneClient.unwrap(failure).toString());
            return null;
        };
        // A list's reply can be large enough to block on a slow reader: written on a thread of its own.
        ctx.future(() -> submit instanceof ControlPlane.SubmitAll
                ? plane.callAsync(submit).handleAsync(reply, REPLIES) : plane.callAsync(submit).handle(reply));
    }

    private TaskRecord task(String id) { return store.task(id).orElseThrow(() -> ApiException.notFound("task", id)); }

    private TaskView view(String id) {
        TaskRecord t = task(id);
        TaskView v = t.view(store.attempts(id).stream().map(a -> a.view()).toList());
        return t.status() == TaskStatus.PENDING ? v.withPendingReason(snapshot.get().pendingReason(t.spec())) : v;
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
}
