package io.ado.controller.api;

import io.ado.controller.plane.ApiException;
import io.ado.controller.plane.ControlPlane;
import io.ado.runtime.CallTimeoutException;
import io.ado.runtime.ProcessExitException;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The API's client of the control-plane process: calls that park the request thread or not, and
 * what a failed call means to the client (503 while it restarts or stopped leading, a timeout
 * that may or may not have taken effect). On a standby, requests that need it go to the leader.
 */
final class PlaneClient {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final ProcessRuntime runtime;
    private final Supplier<ProcessRef> plane;
    private final Supplier<String> leaderUrl;
    private final LeaderForwarder forwarder = new LeaderForwarder();

    /** @param plane the control plane while this replica leads, else null */
    PlaneClient(ProcessRuntime runtime, Supplier<ProcessRef> plane, Supplier<String> leaderUrl) {
        this.runtime = runtime;
        this.plane = plane;
        this.leaderUrl = leaderUrl;
    }

    /** The control plane while this replica leads, else null. */
    ProcessRef plane() { return plane.get(); }

    /** The leader's URL, null while no replica leads. */
    String leaderUrl() { return leaderUrl.get(); }

    /** Sends {@code msg} to {@code p} without waiting for an answer. */
    void cast(ProcessRef p, ControlPlane.Msg msg) { runtime.cast(p, msg); }

    /** On a standby, answers the request by forwarding it to the leader; false on the leader. */
    boolean forwarded(Context ctx) throws Exception {
        if (plane.get() != null) return false;
        forwarder.forward(ctx, leaderUrl.get());
        return true;
    }

    /** {@link #call} without parking the request thread; fails with the same {@link ApiException}s. */
    CompletableFuture<Object> callAsync(ControlPlane.Msg msg) {
        ProcessRef p = plane.get();
        if (p == null) return CompletableFuture.failedFuture(notLeader());
        return runtime.callAsync(p, msg, CALL_TIMEOUT).thenApply(PlaneClient::answer)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(failure(e)));
    }

    Object call(ControlPlane.Msg msg) {
        ProcessRef p = plane.get();
        if (p == null) throw notLeader();
        try {
            return answer(runtime.call(p, msg, CALL_TIMEOUT));
        } catch (RuntimeException e) {
            throw (RuntimeException) failure(e);
        }
    }

    /** The cause of a failed future's exception. */
    static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) e = e.getCause();
        return e;
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
            case ProcessExitException x -> new ApiException(503, "unavailable", "the control plane is restarting; retry");
            case CallTimeoutException x -> new ApiException(503, "timeout", "the control plane did not answer within "
                    + CALL_TIMEOUT.toSeconds() + " s (the store may be slow); the request may or may not have taken effect");
            case Throwable other -> other;
        };
    }
}
