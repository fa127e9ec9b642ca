package io.ado.runtime.supervisor;

import io.ado.runtime.ProcessRef;

/** Calls the {@link Supervisor} facade makes to the supervisor process. */
sealed interface SupervisorRequest {
    record StartChild(ChildSpec spec) implements SupervisorRequest {}
    record StartSimple(Object args) implements SupervisorRequest {}
    record TerminateChild(String id) implements SupervisorRequest {}
    record TerminateRef(ProcessRef ref) implements SupervisorRequest {}
    record RestartChild(String id) implements SupervisorRequest {}
    record DeleteChild(String id) implements SupervisorRequest {}
    record WhichChildren() implements SupervisorRequest {}
    record CountChildren() implements SupervisorRequest {}
    record Stats() implements SupervisorRequest {}

    /** A reply that carries a failure to rethrow in the caller, so the supervisor never crashes on a bad request. */
    record Failed(RuntimeException error) {}
}
