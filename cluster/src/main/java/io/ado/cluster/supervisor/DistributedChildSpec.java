package io.ado.cluster.supervisor;

import io.ado.runtime.supervisor.RestartType;
import java.time.Duration;
import java.util.List;

/**
 * A child of a {@link DistributedSupervisor}: a behaviour named in the
 * {@link io.ado.runtime.BehaviorRegistry} of whichever node it lands on, so it can be started
 * anywhere and moved when its node dies. Validated on construction, one message per field.
 *
 * @param args passed to {@code init}; must be serialisable by the cluster codec when the
 *     child may run on another node
 * @param nodeSelector overrides the supervisor's default; null means "use the default"
 */
public record DistributedChildSpec(
        String id,
        String behavior,
        List<Object> args,
        RestartType restart,
        NodeSelector nodeSelector,
        Duration shutdownTimeout,
        boolean significant) {

    public static final Duration DEFAULT_SHUTDOWN = Duration.ofSeconds(5);

    public DistributedChildSpec {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("child spec: id must not be blank");
        if (behavior == null || behavior.isBlank()) throw new IllegalArgumentException("child spec '" + id + "': behavior must not be blank");
        args = args == null ? List.of() : List.copyOf(args);
        if (restart == null) restart = RestartType.PERMANENT;
        if (shutdownTimeout == null) shutdownTimeout = DEFAULT_SHUTDOWN;
        if (shutdownTimeout.isNegative()) throw new IllegalArgumentException("child spec '" + id + "': shutdownTimeout must be >= 0");
        if (significant && restart == RestartType.PERMANENT) {
            throw new IllegalArgumentException("child spec '" + id + "': a significant child must be transient or temporary");
        }
    }

    public static DistributedChildSpec of(String id, String behavior, Object... args) {
        return new DistributedChildSpec(id, behavior, List.of(args), RestartType.PERMANENT, null, DEFAULT_SHUTDOWN, false);
    }

    public DistributedChildSpec withRestart(RestartType r) { return new DistributedChildSpec(id, behavior, args, r, nodeSelector, shutdownTimeout, significant); }
    public DistributedChildSpec withNodeSelector(NodeSelector s) { return new DistributedChildSpec(id, behavior, args, restart, s, shutdownTimeout, significant); }
    public DistributedChildSpec withShutdownTimeout(Duration t) { return new DistributedChildSpec(id, behavior, args, restart, nodeSelector, t, significant); }
    public DistributedChildSpec withSignificant(boolean s) { return new DistributedChildSpec(id, behavior, args, restart, nodeSelector, shutdownTimeout, s); }
    public DistributedChildSpec withId(String i) { return new DistributedChildSpec(i, behavior, args, restart, nodeSelector, shutdownTimeout, significant); }
    public DistributedChildSpec withArgs(List<Object> a) { return new DistributedChildSpec(id, behavior, a, restart, nodeSelector, shutdownTimeout, significant); }
}
