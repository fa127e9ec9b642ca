package io.ado.cluster.remote;

import io.ado.cluster.NodeId;
import io.ado.cluster.transport.Link;
import io.ado.cluster.transport.Payload;
import io.ado.cluster.transport.WireMessage;
import io.ado.cluster.transport.WireReason;
import io.ado.runtime.CallTimeoutException;
import io.ado.runtime.Down;
import io.ado.runtime.ExitReason;
import io.ado.runtime.MonitorRef;
import io.ado.runtime.NoSuchNameException;
import io.ado.runtime.ProcessExitException;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.RemoteRouter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RemoteRouter} a cluster node installs on its runtime: ships calls, casts, sends
 * and monitors to the node named in the ref, and serves the ones that arrive. A call runs on
 * its own virtual thread on the callee's node. When a node is lost, its pending calls fail at
 * once and monitors of its processes fire DOWN with {@code noconnection}.
 */
public final class RemoteMessaging implements RemoteRouter {
    private static final Logger log = LoggerFactory.getLogger(RemoteMessaging.class);

    private record Pending(NodeId node, CompletableFuture<WireMessage.CallReply> reply) {}

    private record OutMonitor(NodeId node, ProcessRef watcher, ProcessRef target) {}

    private record InMonitor(NodeId watcherNode, ProcessRef target) {}

    private final ProcessRuntime runtime;
    private final MessageTypes types;
    private final Function<NodeId, Link> linkOf; // the live link to a connected node, else null
    private final AtomicLong callIds = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<MonitorRef, OutMonitor> outMonitors = new ConcurrentHashMap<>();
    private final Map<MonitorRef, InMonitor> inMonitors = new ConcurrentHashMap<>();

    public RemoteMessaging(ProcessRuntime runtime, MessageTypes types, Function<NodeId, Link> linkOf) {
        this.runtime = runtime;
        this.types = types;
        this.linkOf = linkOf;
    }

    // ---- outgoing -------------------------------------------------------------------

    @Override
    public Object call(ProcessRef target, Object msg, Duration timeout) {
        NodeId node = nodeOf(target);
        WireMessage.CallReply r;
        try {
            r = roundTrip(node, WireMessage.Target.of(target), msg, timeout);
        } catch (NodeDownException e) {
            throw new ProcessExitException(target, ExitReason.NOCONNECTION);
        } catch (TimeoutException e) {
            throw new CallTimeoutException(target, timeout);
        }
        return result(r, node, target.toString(), timeout, target);
    }

    public Object callByName(NodeId node, String name, Object msg, Duration timeout) {
        try {
            return result(roundTrip(node, WireMessage.Target.named(name), msg, timeout), node, name, timeout, null);
        } catch (TimeoutException e) {
            throw new RemoteCallTimeoutException(node, name, timeout);
        }
    }

    private WireMessage.CallReply roundTrip(NodeId node, WireMessage.Target target, Object msg, Duration timeout)
            throws TimeoutException {
        Payload payload = types.encode(msg); // an unregistered type fails here, before anything is sent
        Link link = linkOf.apply(node);
        if (link == null) throw new NodeDownException(node, "call to " + describe(target));
        long id = callIds.incrementAndGet();
        CompletableFuture<WireMessage.CallReply> f = new CompletableFuture<>();
        pending.put(id, new Pending(node, f));
        try {
            if (!link.send(new WireMessage.CallRequest(id, target, payload, timeout.toMillis()))) {
                throw new NodeDownException(node, "call to " + describe(target));
            }
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + describe(target) + " on " + node, e);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } finally {
            pending.remove(id);
        }
    }

    private Object result(WireMessage.CallReply r, NodeId node, String what, Duration timeout, ProcessRef ref) {
        WireMessage.CallError err = r.error();
        if (err == null) return types.decode(r.value());
        switch (err.kind()) {
            case WireMessage.CallError.EXIT -> throw new ProcessExitException(err.process() != null ? err.process() : ref, err.reason().toExitReason());
            case WireMessage.CallError.NO_NAME -> throw new NoSuchNameException(what + " on " + node);
            case WireMessage.CallError.TIMEOUT -> throw ref != null ? new CallTimeoutException(ref, timeout) : new RemoteCallTimeoutException(node, what, timeout);
            default -> throw new IllegalArgumentException("remote call to " + what + " on " + node + " failed: " + err.message());
        }
    }

    @Override
    public void cast(ProcessRef target, Object msg) { castTo(nodeOf(target), WireMessage.Target.of(target), msg); }

    public void castTo(NodeId node, WireMessage.Target target, Object msg) {
        Payload p = types.encode(msg);
        Link link = linkOf.apply(node);
        if (link != null) link.send(new WireMessage.Cast(target, p)); // casts to a down node are dropped, as locally
    }

    @Override
    public void send(ProcessRef target, Object msg) {
        NodeId node = nodeOf(target);
        Link link = linkOf.apply(node);
        if (msg instanceof Down d) { // a local process died and a remote process monitored it
            inMonitors.remove(d.monitor());
            if (link != null) link.send(new WireMessage.DownNotice(target, d.monitor(), d.process(), WireReason.of(d.reason())));
            return;
        }
        Payload p = types.encode(msg);
        if (link != null) link.send(new WireMessage.Send(WireMessage.Target.of(target), p));
    }

    @Override
    public void monitor(ProcessRef watcher, MonitorRef monitor, ProcessRef target) {
        NodeId node = nodeOf(target);
        outMonitors.put(monitor, new OutMonitor(node, watcher, target));
        Link link = linkOf.apply(node);
        if (link == null || !link.send(new WireMessage.Monitor(watcher, monitor, target.id()))) {
            if (outMonitors.remove(monitor) != null) runtime.deliverDown(watcher, monitor, target, ExitReason.NOCONNECTION);
        }
    }

    @Override
    public void demonitor(MonitorRef monitor, ProcessRef target) {
        OutMonitor m = outMonitors.remove(monitor);
        Link link = m == null ? null : linkOf.apply(m.node());
        if (link != null) link.send(new WireMessage.Demonitor(monitor, target.id()));
    }

    // ---- incoming -------------------------------------------------------------------

    public void handle(NodeId from, WireMessage m) {
        switch (m) {
            case WireMessage.CallRequest c -> Thread.ofVirtual().name("ado-remote-call").start(() -> serve(from, c));
            case WireMessage.CallReply r -> {
                Pending p = pending.get(r.callId());
                if (p != null) p.reply().complete(r);
            }
            case WireMessage.Cast c -> deliver(c.target(), c.msg(), true);
            case WireMessage.Send s -> deliver(s.target(), s.msg(), false);
            case WireMessage.Monitor mon -> {
                ProcessRef target = local(mon.targetId());
                inMonitors.put(mon.monitor(), new InMonitor(from, target));
                if (!runtime.addRemoteWatcher(mon.monitor(), mon.watcher(), target)) {
                    inMonitors.remove(mon.monitor());
                    reply(from, new WireMessage.DownNotice(mon.watcher(), mon.monitor(), target, WireReason.of(ExitReason.NOPROC)));
                }
            }
            case WireMessage.Demonitor d -> {
                inMonitors.remove(d.monitor());
                runtime.removeRemoteWatcher(d.monitor(), local(d.targetId()));
            }
            case WireMessage.DownNotice d -> {
                if (outMonitors.remove(d.monitor()) != null) runtime.deliverDown(d.watcher(), d.monitor(), d.process(), d.reason().toExitReason());
            }
            default -> log.warn("unexpected {} from {}", m.getClass().getSimpleName(), from);
        }
    }

    private void serve(NodeId from, WireMessage.CallRequest c) {
        ProcessRef ref = null;
        WireMessage.CallReply reply;
        try {
            ref = resolve(c.target());
            Object value = runtime.call(ref, types.decode(c.msg()), Duration.ofMillis(Math.max(1, c.timeoutMs())));
            reply = new WireMessage.CallReply(c.callId(), types.encode(value), null);
        } catch (NoSuchNameException e) {
            reply = error(c, WireMessage.CallError.NO_NAME, null, null, e.getMessage());
        } catch (ProcessExitException e) {
            reply = error(c, WireMessage.CallError.EXIT, e.target(), WireReason.of(e.reason()), e.getMessage());
        } catch (CallTimeoutException e) {
            reply = error(c, WireMessage.CallError.TIMEOUT, ref, null, e.getMessage());
        } catch (RuntimeException e) { // an unregistered or ill-fitting payload, or reply
            reply = error(c, WireMessage.CallError.BAD_MESSAGE, ref, null, e.getMessage());
        }
        reply(from, reply);
    }

    private static WireMessage.CallReply error(WireMessage.CallRequest c, String kind, ProcessRef p, WireReason r, String msg) {
        return new WireMessage.CallReply(c.callId(), null, new WireMessage.CallError(kind, p, r, msg));
    }

    private void deliver(WireMessage.Target target, Payload payload, boolean cast) {
        ProcessRef ref;
        Object msg;
        try {
            ref = resolve(target);
            msg = types.decode(payload);
        } catch (RuntimeException e) {
            log.debug("dropping remote {}: {}", cast ? "cast" : "send", e.getMessage());
            return;
        }
        if (cast) runtime.cast(ref, msg); else runtime.send(ref, msg);
    }

    private ProcessRef resolve(WireMessage.Target t) {
        if (t.name() == null) return local(t.id());
        return runtime.whereis(t.name()).orElseThrow(() -> new NoSuchNameException(t.name()));
    }

    private ProcessRef local(long id) { return new ProcessRef(runtime.node(), id); }

    private void reply(NodeId to, WireMessage m) {
        Link link = linkOf.apply(to);
        if (link != null) link.send(m);
    }

    /** The node a ref lives on; null (never connected) for a node name that is not a cluster id. */
    private static NodeId nodeOf(ProcessRef ref) {
        try {
            return NodeId.parse(ref.node());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(WireMessage.Target t) { return t.name() != null ? "'" + t.name() + "'" : "process " + t.id(); }

    // ---- node loss ------------------------------------------------------------------

    /** Fails pending calls to {@code node}, fires its monitors with noconnection, drops its watchers. */
    public void nodeDown(NodeId node) {
        pending.values().stream().filter(p -> p.node().equals(node))
                .forEach(p -> p.reply().completeExceptionally(new NodeDownException(node, "lost during call")));
        outMonitors.forEach((mref, m) -> {
            if (m.node().equals(node) && outMonitors.remove(mref, m)) runtime.deliverDown(m.watcher(), mref, m.target(), ExitReason.NOCONNECTION);
        });
        inMonitors.forEach((mref, m) -> {
            if (m.watcherNode().equals(node) && inMonitors.remove(mref, m)) runtime.removeRemoteWatcher(mref, m.target());
        });
    }

    public int pendingCalls() { return pending.size(); }

    /** On stop: every remote call and monitor ends as if all nodes were lost. */
    public void shutdown(Iterable<NodeId> nodes) { for (NodeId n : nodes) nodeDown(n); }
}
