package io.ado.cluster.supervisor;

import io.ado.cluster.ClusterNode;
import io.ado.cluster.NodeId;
import io.ado.cluster.remote.NodeDownException;
import io.ado.cluster.remote.RemoteCallTimeoutException;
import io.ado.runtime.BehaviorRegistry;
import io.ado.runtime.CallTimeoutException;
import io.ado.runtime.ProcessExitException;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.StartOptions;
import java.time.Duration;
import java.util.List;

/**
 * Starts a behaviour registered in the {@link BehaviorRegistry} on a chosen node. Each node
 * runs a spawner process (registered as {@value #SPAWNER}); {@link #install} starts it and
 * must run on every node that should accept children (the cluster does it on start).
 */
public final class RemoteSpawn {
    public static final String SPAWNER = "ado.spawner";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** {@code args} are JSON values (strings, numbers, booleans, lists, maps) and reach init as a List. */
    public record SpawnRequest(String behavior, List<Object> args, ProcessRef owner) {}

    public record SpawnReply(ProcessRef ref, String error, String kind) {}

    public record StopRequest(ProcessRef child, long timeoutMs) {}

    private RemoteSpawn() {}

    /** Registers the wire types and starts this node's spawner, once. */
    public static synchronized void install(ClusterNode node, BehaviorRegistry registry) {
        var types = node.messageTypes();
        if (!types.isRegistered(SpawnRequest.class)) {
            types.register("ado.spawn", SpawnRequest.class);
            types.register("ado.spawn.reply", SpawnReply.class);
            types.register("ado.spawn.stop", StopRequest.class);
        }
        if (node.runtime().whereis(SPAWNER).isEmpty()) {
            node.runtime().start(new Spawner(), registry, StartOptions.named(SPAWNER));
        }
    }

    /** Starts {@code behavior} on {@code target}; the process is not owned by anyone. */
    public static ProcessRef spawn(ClusterNode node, NodeId target, String behavior, List<Object> args, Duration timeout) {
        return spawn(node, target, behavior, args, null, timeout);
    }

    /**
     * Starts {@code behavior} on {@code target} for {@code owner}: if the owner dies or its node
     * becomes unreachable from {@code target}, the child is killed there.
     *
     * @throws RemoteSpawnException naming the node and what went wrong
     */
    public static ProcessRef spawn(ClusterNode node, NodeId target, String behavior, List<Object> args, ProcessRef owner,
                                   Duration timeout) {
        Object reply;
        try {
            reply = node.call(target, SPAWNER, new SpawnRequest(behavior, args, owner), timeout);
        } catch (NodeDownException | ProcessExitException e) {
            throw new RemoteSpawnException(target, RemoteSpawnException.Kind.NODE_DOWN,
                    "cannot spawn '" + behavior + "' on " + target + ": node is down or has no spawner (" + e.getMessage() + ")", e);
        } catch (RemoteCallTimeoutException | CallTimeoutException e) {
            throw new RemoteSpawnException(target, RemoteSpawnException.Kind.TIMEOUT,
                    "spawning '" + behavior + "' on " + target + " timed out after " + timeout.toMillis() + " ms", e);
        }
        SpawnReply r = (SpawnReply) reply;
        if (r.ref() == null) {
            throw new RemoteSpawnException(target, RemoteSpawnException.Kind.valueOf(r.kind()), r.error(), null);
        }
        return r.ref();
    }

    /** Stops a child (terminate within {@code timeout}, then kill) on whatever node it lives. */
    public static void stop(ClusterNode node, ProcessRef child, Duration timeout) {
        NodeId where = NodeId.parse(child.node());
        if (where.equals(node.getLocalNodeId())) {
            Spawner.stopChild(node.runtime(), child, timeout);
            return;
        }
        try {
            node.call(where, SPAWNER, new StopRequest(child, timeout.toMillis()), timeout.plus(DEFAULT_TIMEOUT));
        } catch (NodeDownException | ProcessExitException | RemoteCallTimeoutException | CallTimeoutException e) {
            // the node is gone or unresponsive: its spawner kills the child when it loses us
        }
    }
}
