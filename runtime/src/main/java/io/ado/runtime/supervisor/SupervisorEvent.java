package io.ado.runtime.supervisor;

import io.ado.runtime.ExitReason;
import io.ado.runtime.ProcessRef;

/** Lifecycle events a supervisor publishes to its subscribers. */
public sealed interface SupervisorEvent {
    ProcessRef supervisor();

    /** The event name as the seeds spell it, e.g. {@code child_restarted}. */
    String type();

    record SupervisorStarted(ProcessRef supervisor) implements SupervisorEvent {
        public String type() { return "supervisor_started"; }
    }

    record ChildStarted(ProcessRef supervisor, String childId, ProcessRef child) implements SupervisorEvent {
        public String type() { return "child_started"; }
    }

    record ChildStopped(ProcessRef supervisor, String childId, ProcessRef child, ExitReason reason) implements SupervisorEvent {
        public String type() { return "child_stopped"; }
    }

    /** {@code attempt} counts this child's restarts since the supervisor started, from 1. */
    record ChildRestarted(ProcessRef supervisor, String childId, ProcessRef child, int attempt) implements SupervisorEvent {
        public String type() { return "child_restarted"; }
    }

    record SupervisorStopped(ProcessRef supervisor, ExitReason reason) implements SupervisorEvent {
        public String type() { return "supervisor_stopped"; }
    }
}
