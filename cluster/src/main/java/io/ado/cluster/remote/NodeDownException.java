package io.ado.cluster.remote;

import io.ado.cluster.NodeId;

/** A call addressed a node that is not connected, or was lost before the reply came. */
public final class NodeDownException extends RuntimeException {
    private final NodeId node;

    public NodeDownException(NodeId node, String what) {
        super(what + ": node " + node + " is not connected");
        this.node = node;
    }

    public NodeId node() { return node; }
}
