package io.ado.runtime.supervisor;

import io.ado.runtime.ExitReason;
import java.util.List;

/** The plan {@link RestartPolicy} returns for one child exit; the supervisor only applies it. */
public sealed interface RestartDecision {

    /** The exit is not from a known child (e.g. a stale signal): do nothing. */
    record Ignore() implements RestartDecision {}

    /**
     * The child stays down. {@code keepSpec} is false for temporary children (forgotten);
     * a transient child that ended normally keeps its spec and can be restarted by hand.
     */
    record Remove(String childId, boolean keepSpec) implements RestartDecision {}

    /**
     * Stop {@code stop} (already in reverse start order), drop the temporary ones among them
     * ({@code forget}), then start {@code start} in order. {@code history} is the restart
     * history including this restart.
     */
    record Restart(List<String> stop, List<String> forget, List<String> start, RestartHistory history) implements RestartDecision {}

    /** The supervisor must stop all children and exit with {@code reason}. */
    record Shutdown(ExitReason reason, boolean keepSpecOfExited) implements RestartDecision {}
}
