package io.ado.cluster.supervisor;

import io.ado.runtime.Behavior;
import io.ado.runtime.BehaviorRegistry;
import io.ado.runtime.CallTimeoutException;
import io.ado.runtime.Down;
import io.ado.runtime.ExitReason;
import io.ado.runtime.From;
import io.ado.runtime.InitFailedException;
import io.ado.runtime.MonitorRef;
import io.ado.runtime.ProcessContext;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.Result;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The per-node process behind {@link RemoteSpawn}: starts registered behaviours on request
 * and stops them. It monitors each child's owner (a distributed supervisor, maybe on another
 * node) and kills the owner's children here when the owner dies or its node is lost — the
 * split-brain rule: a partitioned copy never outlives the supervisor's view of it.
 */
final class Spawner implements Behavior<Spawner.State> {
    static final class State {
        ProcessRuntime rt;
        BehaviorRegistry registry;
        final Map<ProcessRef, Set<ProcessRef>> childrenByOwner = new HashMap<>();
        final Map<ProcessRef, ProcessRef> ownerOf = new HashMap<>();
        final Map<MonitorRef, ProcessRef> ownerMonitors = new HashMap<>();
        final Map<ProcessRef, MonitorRef> monitorOfOwner = new HashMap<>();
    }

    @Override
    public State init(Object args) {
        State s = new State();
        s.rt = ProcessContext.current().runtime();
        s.registry = (BehaviorRegistry) args;
        return s;
    }

    @Override
    public Result<State> handleCall(Object msg, From from, State s) {
        return switch (msg) {
            case RemoteSpawn.SpawnRequest r -> Result.reply(spawn(s, r), s);
            case RemoteSpawn.StopRequest r -> {
                // a slow terminate must not hold up spawns on this node
                Thread.ofVirtual().start(() -> from.reply(stopChild(s.rt, r.child(), Duration.ofMillis(r.timeoutMs()))));
                yield Result.noReply(s);
            }
            default -> Result.reply(new RemoteSpawn.SpawnReply(null, "unknown spawner request " + msg.getClass().getSimpleName(), null), s);
        };
    }

    private RemoteSpawn.SpawnReply spawn(State s, RemoteSpawn.SpawnRequest r) {
        Behavior<?> behavior = s.registry.create(r.behavior()).orElse(null);
        if (behavior == null) {
            return new RemoteSpawn.SpawnReply(null, "behavior '" + r.behavior() + "' is not registered on node " + s.rt.node(),
                    RemoteSpawnException.Kind.BEHAVIOR_NOT_REGISTERED.name());
        }
        ProcessRef child;
        try {
            child = s.rt.start(behavior, r.args());
        } catch (InitFailedException e) {
            return new RemoteSpawn.SpawnReply(null, e.getMessage(), RemoteSpawnException.Kind.INIT_FAILED.name());
        }
        if (r.owner() != null) {
            s.childrenByOwner.computeIfAbsent(r.owner(), o -> new HashSet<>()).add(child);
            s.ownerOf.put(child, r.owner());
            if (!s.monitorOfOwner.containsKey(r.owner())) {
                MonitorRef m = ProcessContext.current().monitor(r.owner());
                s.ownerMonitors.put(m, r.owner());
                s.monitorOfOwner.put(r.owner(), m);
            }
            ProcessContext.current().monitor(child); // to forget it when it ends
        }
        return new RemoteSpawn.SpawnReply(child, null, null);
    }

    @Override
    public Result<State> handleInfo(Object msg, State s) {
        if (msg instanceof Down d) {
            ProcessRef owner = s.ownerMonitors.remove(d.monitor());
            if (owner != null) { // the owner is gone (or unreachable): its children here go too
                s.monitorOfOwner.remove(owner);
                for (ProcessRef child : s.childrenByOwner.getOrDefault(owner, Set.of())) {
                    s.ownerOf.remove(child);
                    s.rt.exit(child, ExitReason.custom("owner_lost"));
                }
                s.childrenByOwner.remove(owner);
            } else {
                ProcessRef o = s.ownerOf.remove(d.process());
                if (o != null) {
                    Set<ProcessRef> kids = s.childrenByOwner.get(o);
                    if (kids != null) kids.remove(d.process());
                }
            }
        }
        return Result.noReply(s);
    }

    static boolean stopChild(ProcessRuntime rt, ProcessRef child, Duration timeout) {
        if (timeout.isZero()) {
            rt.kill(child);
            return true;
        }
        try {
            return rt.stop(child, ExitReason.SHUTDOWN, timeout);
        } catch (CallTimeoutException e) {
            rt.kill(child);
            return true;
        }
    }
}
