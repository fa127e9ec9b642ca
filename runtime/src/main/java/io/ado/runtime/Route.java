package io.ado.runtime;

/**
 * Where a ref lives, as {@link ProcessTable#route} decides it once for every operation: in this
 * node's table, or on another node behind the {@link RemoteRouter}.
 */
sealed interface Route {

    /** A ref of this node; {@code cell} is null when no such process lives (noproc). */
    record Local(ProcessCell<?> cell) implements Route {}

    /** A ref of another node; {@code router} is null when no cluster is installed on this runtime. */
    record Remote(ProcessRef target, RemoteRouter router) implements Route {
        /** The router; without one the other node cannot be reached, which is what the caller hears. */
        RemoteRouter require() {
            if (router == null) throw new ProcessExitException(target, ExitReason.NOCONNECTION);
            return router;
        }
    }
}
