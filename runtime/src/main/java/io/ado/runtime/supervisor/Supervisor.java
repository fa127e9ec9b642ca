package io.ado.runtime.supervisor;

import io.ado.runtime.ExitReason;
import io.ado.runtime.Listeners;
import io.ado.runtime.ProcessContext;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.StartOptions;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Handle to a running supervisor process. Every method is a call to that process, so
 * management operations are serialised with its restart handling.
 */
public final class Supervisor {
    /** Long enough for a child's init or its shutdownTimeout. */
    public static final Duration OP_TIMEOUT = Duration.ofSeconds(60);

    /** Every supervisor's lifecycle events, JVM-wide. */
    static final Listeners<SupervisorEvent> LIFECYCLE = new Listeners<>();

    private final ProcessRuntime rt;
    private final ProcessRef ref;

    private Supervisor(ProcessRuntime rt, ProcessRef ref) {
        this.rt = rt;
        this.ref = ref;
    }

    /** Starts an unlinked supervisor; returns after every child has started, in order. */
    public static Supervisor start(ProcessRuntime rt, SupervisorSpec spec) { return start(rt, spec, false); }

    /** Starts a supervisor linked to the calling process (e.g. a parent supervisor). */
    public static Supervisor startLink(ProcessRuntime rt, SupervisorSpec spec) { return start(rt, spec, true); }

    private static Supervisor start(ProcessRuntime rt, SupervisorSpec spec, boolean link) {
        StartOptions opts = new StartOptions(spec.name(), link, OP_TIMEOUT);
        ProcessRef ref = rt.start(new SupervisorServer(), new SupervisorServer.Init(spec, link ? ProcessContext.selfOrNull() : null), opts);
        return new Supervisor(rt, ref);
    }

    /** A handle for an already running supervisor (e.g. found with {@code whereis}). */
    public static Supervisor of(ProcessRuntime rt, ProcessRef ref) { return new Supervisor(rt, ref); }

    /** Subscribes to every supervisor's lifecycle events; close the result to unsubscribe. */
    public static AutoCloseable onLifecycleEvent(Consumer<SupervisorEvent> listener) {
        Runnable off = LIFECYCLE.subscribe(listener);
        return off::run;
    }

    public ProcessRef ref() { return ref; }

    public ProcessRef startChild(ChildSpec spec) { return (ProcessRef) request(new SupervisorRequest.StartChild(spec)); }

    /** simple_one_for_one: a new child from the template, with {@code args} for its init. */
    public ProcessRef startChild(Object args) { return (ProcessRef) request(new SupervisorRequest.StartSimple(args)); }

    public void terminateChild(String id) { request(new SupervisorRequest.TerminateChild(id)); }

    public void terminateChild(ProcessRef child) { request(new SupervisorRequest.TerminateRef(child)); }

    public ProcessRef restartChild(String id) { return (ProcessRef) request(new SupervisorRequest.RestartChild(id)); }

    public void deleteChild(String id) { request(new SupervisorRequest.DeleteChild(id)); }

    @SuppressWarnings("unchecked")
    public List<ChildInfo> whichChildren() { return (List<ChildInfo>) request(new SupervisorRequest.WhichChildren()); }

    public ChildCounts countChildren() { return (ChildCounts) request(new SupervisorRequest.CountChildren()); }

    public SupervisorStats stats() { return (SupervisorStats) request(new SupervisorRequest.Stats()); }

    public boolean isAlive() { return rt.isAlive(ref); }

    /** Stops every child in reverse start order, then the supervisor. */
    public void stop() { rt.stop(ref, ExitReason.SHUTDOWN, OP_TIMEOUT); }

    private Object request(SupervisorRequest r) {
        Object reply = rt.call(ref, r, OP_TIMEOUT);
        if (reply instanceof SupervisorRequest.Failed f) throw f.error();
        return reply;
    }

    @Override public String toString() { return "Supervisor" + ref; }
}
