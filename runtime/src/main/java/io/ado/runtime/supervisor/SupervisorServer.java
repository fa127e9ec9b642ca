package io.ado.runtime.supervisor;

import io.ado.runtime.Behavior;
import io.ado.runtime.CallTimeoutException;
import io.ado.runtime.ExitReason;
import io.ado.runtime.ExitSignal;
import io.ado.runtime.From;
import io.ado.runtime.Listeners;
import io.ado.runtime.ProcessContext;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor process: traps exits of its linked children, asks {@link RestartPolicy}
 * what to do and applies the plan. All state is confined to its own process thread.
 */
final class SupervisorServer implements Behavior<SupervisorServer.State> {
    private static final Logger log = LoggerFactory.getLogger(SupervisorServer.class);

    record Init(SupervisorSpec spec, ProcessRef parent) {}

    static final class State {
        ProcessRuntime rt;
        ProcessRef self;
        ProcessRef parent;
        SupervisorSpec spec;
        final List<ChildSpec> children = new ArrayList<>();        // start order
        final Map<String, ProcessRef> running = new LinkedHashMap<>();
        final Map<ProcessRef, String> byRef = new HashMap<>();
        final Map<String, Integer> attempts = new HashMap<>();
        final Map<String, Object> dynamicArgs = new HashMap<>(); // simple_one_for_one: each child's own args
        RestartLoop restarts;
        long totalRestarts;
        long startedAtMs;
        long simpleSeq;
    }

    @Override
    public State init(Object args) {
        Init init = (Init) args;
        ProcessContext ctx = ProcessContext.current();
        ctx.trapExit(true);
        State s = new State();
        s.rt = ctx.runtime();
        s.self = ctx.self();
        s.parent = init.parent();
        s.spec = init.spec();
        s.startedAtMs = s.rt.clock().millis();
        s.restarts = new RestartLoop(s.spec.strategy(), s.spec.intensity(), s.spec.autoShutdown(), s.rt.clock()::millis);
        for (ChildSpec c : s.spec.children()) {
            s.children.add(c);
            try {
                startChild(s, c, null);
            } catch (RuntimeException e) {
                shutdownAll(s);
                throw new IllegalStateException("supervisor could not start child '" + c.id() + "': " + e.getMessage(), e);
            }
        }
        emit(s, new SupervisorEvent.SupervisorStarted(s.self));
        return s;
    }

    @Override
    public Result<State> handleCall(Object msg, From from, State s) {
        Object reply;
        try {
            reply = switch ((SupervisorRequest) msg) {
                case SupervisorRequest.StartChild c -> addChild(s, c.spec());
                case SupervisorRequest.StartSimple c -> startSimple(s, c.args());
                case SupervisorRequest.TerminateChild c -> terminateById(s, c.id());
                case SupervisorRequest.TerminateRef c -> terminateById(s, requireIdOf(s, c.ref()));
                case SupervisorRequest.RestartChild c -> restartById(s, c.id());
                case SupervisorRequest.DeleteChild c -> deleteById(s, c.id());
                case SupervisorRequest.WhichChildren c -> s.children.stream()
                        .map(ch -> new ChildInfo(ch.id(), s.running.get(ch.id()), ch.restart(), ch.isSupervisor())).toList();
                case SupervisorRequest.CountChildren c -> new ChildCounts(s.children.size(), s.running.size(),
                        (int) s.children.stream().filter(ChildSpec::isSupervisor).count(),
                        (int) s.children.stream().filter(ch -> !ch.isSupervisor()).count());
                case SupervisorRequest.Stats c -> new SupervisorStats(s.spec.name() != null ? s.spec.name() : s.self.toString(),
                        s.spec.strategy(), s.running.size(), s.totalRestarts, s.rt.clock().millis() - s.startedAtMs);
            };
        } catch (RuntimeException e) {
            reply = new SupervisorRequest.Failed(e);
        }
        return Result.reply(reply, s);
    }

    @Override
    public Result<State> handleInfo(Object msg, State s) {
        if (!(msg instanceof ExitSignal exit)) return Result.noReply(s);
        if (exit.from() != null && exit.from().equals(s.parent)) return Result.stop(exit.reason(), s);
        String id = s.byRef.remove(exit.from());
        if (id == null) return Result.noReply(s); // a child we already stopped, or an old link
        s.running.remove(id);
        emit(s, new SupervisorEvent.ChildStopped(s.self, id, exit.from(), exit.reason()));
        ExitReason stop = handleExit(s, id, exit.reason());
        return stop == null ? Result.noReply(s) : Result.stop(stop, s);
    }

    /** Runs the shared restart loop over this supervisor's children; returns a stop reason or null. */
    private ExitReason handleExit(State s, String exitedId, ExitReason exitReason) {
        return switch (s.restarts.onExit(exitedId, exitReason, new LocalChildren(s))) {
            case RestartLoop.Outcome.Continue c -> null;
            case RestartLoop.Outcome.Stop st -> st.reason();
            case RestartLoop.Outcome.MaxRestartsExceeded m -> {
                log.warn("supervisor {} exceeded its restart intensity {}", s.self, m.intensity());
                yield ExitReason.Crash.of(new MaxRestartsExceededError(s.self.toString(), m.intensity()));
            }
        };
    }

    /** The restart loop's view of a local supervisor's children. */
    private record LocalChildren(State s) implements RestartLoop.Children {
        @Override public List<ChildSpec> inStartOrder() { return s.children; }

        @Override public Set<String> running() { return s.running.keySet(); }

        @Override public void stop(String id) { stopChild(s, id); }

        @Override public void forget(String id) { removeSpec(s, id); }

        @Override
        public void restart(String id) {
            ProcessRef ref = startChild(s, specOf(s, id), null);
            s.totalRestarts++;
            int attempt = s.attempts.merge(id, 1, Integer::sum);
            emit(s, new SupervisorEvent.ChildRestarted(s.self, id, ref, attempt));
        }
    }

    @Override
    public void terminate(ExitReason reason, State s) {
        shutdownAll(s);
        emit(s, new SupervisorEvent.SupervisorStopped(s.self, reason));
    }

    // ---- child operations ------------------------------------------------------------

    private static ProcessRef startChild(State s, ChildSpec spec, Object extraArgs) {
        Object args = extraArgs != null ? extraArgs : s.dynamicArgs.get(spec.id());
        ProcessRef ref = Objects.requireNonNull(spec.start().start(s.rt, args), "child start returned null");
        s.running.put(spec.id(), ref);
        s.byRef.put(ref, spec.id());
        emit(s, new SupervisorEvent.ChildStarted(s.self, spec.id(), ref));
        return ref;
    }

    /** Stops a running child as its spec says: terminate within shutdownTimeout, else kill. */
    private static void stopChild(State s, String id) {
        ProcessRef ref = s.running.remove(id);
        if (ref == null) return;
        s.byRef.remove(ref);
        ChildSpec spec = specOf(s, id);
        s.rt.unlink(s.self, ref);
        if (spec.shutdownTimeout().isZero()) {
            s.rt.kill(ref);
        } else {
            try {
                s.rt.stop(ref, ExitReason.SHUTDOWN, spec.shutdownTimeout());
            } catch (CallTimeoutException e) {
                s.rt.kill(ref);
            }
        }
        emit(s, new SupervisorEvent.ChildStopped(s.self, id, ref, ExitReason.SHUTDOWN));
    }

    private void shutdownAll(State s) {
        List<String> ids = new ArrayList<>(s.running.keySet());
        for (int i = ids.size() - 1; i >= 0; i--) stopChild(s, ids.get(i));
    }

    private ProcessRef addChild(State s, ChildSpec spec) {
        if (s.spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE) {
            throw new IllegalStateException("simple_one_for_one supervisor: use startChild(args)");
        }
        if (specOrNull(s, spec.id()) != null) throw new IllegalArgumentException("child '" + spec.id() + "' already exists");
        s.children.add(spec);
        try {
            return startChild(s, spec, null);
        } catch (RuntimeException e) {
            s.children.remove(spec);
            throw e;
        }
    }

    private ProcessRef startSimple(State s, Object args) {
        if (s.spec.strategy() != Strategy.SIMPLE_ONE_FOR_ONE) {
            throw new IllegalStateException("startChild(args) is for simple_one_for_one supervisors");
        }
        ChildSpec spec = s.spec.childTemplate().withId(s.spec.childTemplate().id() + "-" + (++s.simpleSeq));
        s.children.add(spec);
        if (args != null) s.dynamicArgs.put(spec.id(), args);
        try {
            return startChild(s, spec, null);
        } catch (RuntimeException e) {
            removeSpec(s, spec.id());
            throw e;
        }
    }

    private Object terminateById(State s, String id) {
        ChildSpec spec = specOf(s, id);
        stopChild(s, id);
        if (s.spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE || spec.restart() == RestartType.TEMPORARY) removeSpec(s, id);
        return Boolean.TRUE;
    }

    private ProcessRef restartById(State s, String id) {
        ChildSpec spec = specOf(s, id);
        if (s.running.containsKey(id)) throw new IllegalStateException("child '" + id + "' is running");
        return startChild(s, spec, null);
    }

    private Object deleteById(State s, String id) {
        specOf(s, id);
        if (s.running.containsKey(id)) throw new IllegalStateException("child '" + id + "' is running; terminate it first");
        removeSpec(s, id);
        return Boolean.TRUE;
    }

    private String requireIdOf(State s, ProcessRef ref) {
        String id = s.byRef.get(ref);
        if (id == null) throw new IllegalArgumentException("no running child " + ref);
        return id;
    }

    private static ChildSpec specOrNull(State s, String id) {
        for (ChildSpec c : s.children) if (c.id().equals(id)) return c;
        return null;
    }

    private static ChildSpec specOf(State s, String id) {
        ChildSpec c = specOrNull(s, id);
        if (c == null) throw new IllegalArgumentException("no child '" + id + "'");
        return c;
    }

    private static void removeSpec(State s, String id) {
        s.children.removeIf(c -> c.id().equals(id));
        s.attempts.remove(id);
        s.dynamicArgs.remove(id);
    }

    private static void emit(State s, SupervisorEvent e) {
        if (s.spec.listener() != null) Listeners.deliver(s.spec.listener(), e);
        Supervisor.LIFECYCLE.publish(e);
    }
}
