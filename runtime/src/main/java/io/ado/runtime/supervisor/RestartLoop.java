package io.ado.runtime.supervisor;

import io.ado.runtime.ExitReason;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What a supervisor does after a child exits, shared by the local {@code SupervisorServer} and
 * the cluster's distributed supervisor: ask the pure {@link RestartPolicy}, apply its plan
 * through {@link Children}, and treat a child that fails to start again as another exit of
 * that child (OTP's {@code try_again}), so a restart that keeps failing uses up the intensity.
 * It keeps the restart history; the clock is read once per decision, as OTP's
 * {@code add_restart} does, and handed to the policy. Confined to the supervisor's thread.
 */
public final class RestartLoop {

    /** The supervisor's children as the loop acts on them; the loop reads them afresh before each decision. */
    public interface Children {
        /** Every child the supervisor knows (running or not), in start order. */
        List<? extends SupervisedChild> inStartOrder();

        /** Ids of the children running now. */
        Set<String> running();

        /** Stops a running sibling the plan takes down (in the order given: reverse start order). */
        void stop(String id);

        /** Forgets a child's spec: it will not be restarted (temporary and dynamic children). */
        void forget(String id);

        /** Starts the child again; an exception counts as that child's crash and goes back through the policy. */
        void restart(String id);
    }

    /** What the supervisor does after the exit has been handled. */
    public sealed interface Outcome {
        /** Keep supervising. */
        record Continue() implements Outcome {}

        /** Stop every child and exit with {@code reason} (auto-shutdown). */
        record Stop(ExitReason reason) implements Outcome {}

        /** More restarts than {@code intensity} allows: exit with the supervisor's own max-restarts error. */
        record MaxRestartsExceeded(RestartIntensity intensity) implements Outcome {}
    }

    private static final Outcome CONTINUE = new Outcome.Continue();

    private final Strategy strategy;
    private final RestartIntensity intensity;
    private final AutoShutdown autoShutdown;
    private final LongSupplier nowMs;
    private RestartHistory history = RestartHistory.EMPTY;

    public RestartLoop(Strategy strategy, RestartIntensity intensity, AutoShutdown autoShutdown, LongSupplier nowMs) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.intensity = Objects.requireNonNull(intensity, "intensity");
        this.autoShutdown = Objects.requireNonNull(autoShutdown, "autoShutdown");
        this.nowMs = Objects.requireNonNull(nowMs, "nowMs");
    }

    /** Handles the exit of child {@code id} with {@code reason}, including every failed restart it leads to. */
    public Outcome onExit(String id, ExitReason reason, Children children) {
        Deque<Map.Entry<String, ExitReason>> exits = new ArrayDeque<>();
        exits.add(Map.entry(id, reason));
        while (!exits.isEmpty()) {
            var e = exits.poll();
            RestartPolicy.Snapshot snap = new RestartPolicy.Snapshot(strategy, intensity, autoShutdown,
                    List.copyOf(children.inStartOrder()), Set.copyOf(children.running()), history);
            switch (RestartPolicy.decide(snap, e.getKey(), e.getValue(), nowMs.getAsLong())) {
                case RestartDecision.Ignore i -> { }
                case RestartDecision.Remove r -> { if (!r.keepSpec()) children.forget(r.childId()); }
                case RestartDecision.Shutdown sd -> {
                    if (!sd.keepSpecOfExited()) children.forget(e.getKey());
                    return sd.reason() != null ? new Outcome.Stop(sd.reason()) : new Outcome.MaxRestartsExceeded(intensity);
                }
                case RestartDecision.Restart r -> {
                    history = r.history();
                    r.stop().forEach(children::stop);
                    r.forget().forEach(children::forget);
                    for (String start : r.start()) {
                        try {
                            children.restart(start);
                        } catch (RuntimeException ex) {
                            exits.add(Map.entry(start, ExitReason.Crash.of(ex)));
                        }
                    }
                }
            }
        }
        return CONTINUE;
    }

    /** Restarts inside the current intensity window, oldest first. */
    public RestartHistory history() { return history; }
}
