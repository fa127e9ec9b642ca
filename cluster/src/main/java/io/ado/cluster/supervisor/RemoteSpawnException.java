package io.ado.cluster.supervisor;

import io.ado.cluster.NodeId;

/** A process could not be started on a node: behaviour unknown there, init failed, node down or too slow. */
public final class RemoteSpawnException extends RuntimeException {
    public enum Kind { BEHAVIOR_NOT_REGISTERED, INIT_FAILED, NODE_DOWN, TIMEOUT }

    private final NodeId node;
    private final Kind kind;

    public RemoteSpawnException(NodeId node, Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.node = node;
        this.kind = kind;
    }

    public NodeId node() { return node; }

    public Kind kind() { return kind; }
}
