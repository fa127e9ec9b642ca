package io.ado.runtime.supervisor;

/**
 * What a restart decision needs to know about one child, whichever supervisor holds it: the
 * local one passes its {@link ChildSpec}s as they are, the cluster's distributed one a
 * {@link #of plain view} of its own specs.
 */
public interface SupervisedChild {
    String id();

    RestartType restart();

    /** With {@link AutoShutdown}, whether this child's exit (when not restarted) stops the supervisor. */
    boolean significant();

    static SupervisedChild of(String id, RestartType restart, boolean significant) { return new Plain(id, restart, significant); }

    /** A child described by these three fields only. */
    record Plain(String id, RestartType restart, boolean significant) implements SupervisedChild {}
}
