package io.ado.runtime.supervisor;

import io.ado.runtime.ExitReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The supervisor's decision as a pure function: given the strategy, the ordered children
 * (their id, restart type and significance), which of them run, the restart history, the exit and the time (read once by the
 * caller), return what to do. No threads, no clock: tested directly.
 */
public final class RestartPolicy {
    private RestartPolicy() {}

    /** What the decision needs to know about the supervisor at the moment of the exit. */
    public record Snapshot(
            Strategy strategy,
            RestartIntensity intensity,
            AutoShutdown autoShutdown,
            List<? extends SupervisedChild> children,
            Set<String> running,
            RestartHistory history) {}

    public static RestartDecision decide(Snapshot s, String childId, ExitReason reason, long nowMs) {
        SupervisedChild spec = find(s.children(), childId);
        if (spec == null) return new RestartDecision.Ignore();

        boolean restart = switch (spec.restart()) {
            case PERMANENT -> true;
            case TRANSIENT -> reason.isAbnormal();
            case TEMPORARY -> false;
        };
        if (!restart) {
            // dynamic (simple_one_for_one) children have no spec of their own to keep
            boolean keep = spec.restart() != RestartType.TEMPORARY && s.strategy() != Strategy.SIMPLE_ONE_FOR_ONE;
            if (spec.significant() && autoShutdownTriggered(s, childId)) {
                return new RestartDecision.Shutdown(ExitReason.SHUTDOWN, keep);
            }
            return new RestartDecision.Remove(childId, keep);
        }

        RestartHistory history = s.history().add(nowMs, s.intensity().withinMs());
        if (history.size() > s.intensity().maxRestarts()) {
            return new RestartDecision.Shutdown(null, true); // the caller supplies MaxRestartsExceededError
        }

        List<? extends SupervisedChild> affected = switch (s.strategy()) {
            case ONE_FOR_ONE, SIMPLE_ONE_FOR_ONE -> List.of(spec);
            case ONE_FOR_ALL -> s.children();
            case REST_FOR_ONE -> s.children().subList(s.children().indexOf(spec), s.children().size());
        };
        List<String> stop = new ArrayList<>();
        List<String> forget = new ArrayList<>();
        List<String> start = new ArrayList<>();
        for (SupervisedChild c : affected) {
            if (c.id().equals(childId)) { start.add(c.id()); continue; }
            if (s.running().contains(c.id())) stop.add(c.id());
            // OTP: siblings stopped by the supervisor restart whatever their type, except temporary
            if (c.restart() == RestartType.TEMPORARY) forget.add(c.id());
            else if (s.running().contains(c.id())) start.add(c.id());
        }
        return new RestartDecision.Restart(reversed(stop), forget, start, history);
    }

    /** Whether the exit of significant {@code childId} (not restarted) stops the supervisor. */
    static boolean autoShutdownTriggered(Snapshot s, String childId) {
        return switch (s.autoShutdown()) {
            case NEVER -> false;
            case ANY_SIGNIFICANT -> true;
            case ALL_SIGNIFICANT -> s.children().stream()
                    .noneMatch(c -> c.significant() && !c.id().equals(childId) && s.running().contains(c.id()));
        };
    }

    private static SupervisedChild find(List<? extends SupervisedChild> children, String id) {
        for (SupervisedChild c : children) if (c.id().equals(id)) return c;
        return null;
    }

    private static List<String> reversed(List<String> l) {
        List<String> r = new ArrayList<>(l);
        Collections.reverse(r);
        return r;
    }
}
