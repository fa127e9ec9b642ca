package io.ado.cluster.supervisor;

/** No node can take the child: none is up, the pinned node is down, or every candidate refused it. */
public final class NoAvailableNodeException extends RuntimeException {
    public NoAvailableNodeException(String message) { super(message); }
}
