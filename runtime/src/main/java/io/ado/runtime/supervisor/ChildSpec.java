package io.ado.runtime.supervisor;

import io.ado.runtime.Behavior;
import io.ado.runtime.BehaviorRegistry;
import io.ado.runtime.StartOptions;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One child of a supervisor. Validated on construction with a message per bad field, as
 * OTP's {@code supervisor:check_childspecs} does.
 *
 * @param shutdownTimeout how long the child gets to run {@code terminate} when stopped by
 *     its supervisor before it is killed; {@link Duration#ZERO} kills at once
 * @param significant with {@link AutoShutdown}, whether this child's exit stops the supervisor
 * @param behaviorName the {@link BehaviorRegistry} name, when the child was built from one
 */
public record ChildSpec(
        String id,
        ChildStart start,
        RestartType restart,
        Duration shutdownTimeout,
        boolean significant,
        boolean isSupervisor,
        String behaviorName) implements SupervisedChild {

    public static final Duration DEFAULT_SHUTDOWN = Duration.ofSeconds(5);

    public ChildSpec {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("child spec: id must not be blank");
        if (start == null) throw new IllegalArgumentException("child spec '" + id + "': start must not be null");
        if (restart == null) throw new IllegalArgumentException("child spec '" + id + "': restart must not be null");
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("child spec '" + id + "': shutdownTimeout must be >= 0, was " + shutdownTimeout);
        }
        if (significant && restart == RestartType.PERMANENT) {
            throw new IllegalArgumentException("child spec '" + id + "': a significant child must be transient or temporary");
        }
    }

    /** A permanent worker child: a fresh behaviour from {@code factory} on every (re)start. */
    public static <S> ChildSpec worker(String id, Supplier<? extends Behavior<S>> factory, Object args) {
        return new ChildSpec(id, (rt, extra) -> rt.start(factory.get(), extra != null ? extra : args, StartOptions.DEFAULT.linked()),
                RestartType.PERMANENT, DEFAULT_SHUTDOWN, false, false, null);
    }

    /** A child whose behaviour is looked up by name in {@code registry} at each start. */
    public static ChildSpec named(String id, BehaviorRegistry registry, String behaviorName, Object args) {
        return new ChildSpec(id, (rt, extra) -> rt.start(registry.require(behaviorName), extra != null ? extra : args,
                StartOptions.DEFAULT.linked()), RestartType.PERMANENT, DEFAULT_SHUTDOWN, false, false, behaviorName);
    }

    /** A nested supervisor; it gets an unlimited-looking shutdown so it can stop its own tree. */
    public static ChildSpec supervisor(String id, SupervisorSpec spec) {
        return new ChildSpec(id, (rt, extra) -> Supervisor.startLink(rt, spec).ref(), RestartType.PERMANENT,
                Duration.ofMinutes(5), false, true, null);
    }

    public ChildSpec withRestart(RestartType r) {
        return new ChildSpec(id, start, r, shutdownTimeout, significant, isSupervisor, behaviorName);
    }

    public ChildSpec withShutdownTimeout(Duration t) {
        return new ChildSpec(id, start, restart, t, significant, isSupervisor, behaviorName);
    }

    public ChildSpec withSignificant(boolean s) {
        return new ChildSpec(id, start, restart, shutdownTimeout, s, isSupervisor, behaviorName);
    }

    public ChildSpec withId(String newId) {
        return new ChildSpec(newId, start, restart, shutdownTimeout, significant, isSupervisor, behaviorName);
    }

    @Override public String toString() {
        return "ChildSpec[" + id + ", " + restart + (significant ? ", significant" : "") + "]";
    }
}
