package io.ado.cluster.remote;

import io.ado.cluster.NodeId;
import java.time.Duration;

/** A call by registered name to another node got no reply in time (calls by ref throw the runtime's CallTimeoutException). */
public final class RemoteCallTimeoutException extends RuntimeException {
    public RemoteCallTimeoutException(NodeId node, String name, Duration timeout) {
        super("call to '" + name + "' on " + node + " timed out after " + timeout.toMillis() + " ms");
    }
}
