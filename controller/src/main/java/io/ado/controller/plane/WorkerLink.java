package io.ado.controller.plane;

import io.ado.protocol.ControllerMessage;

/** The controller's end of one worker connection. Sends never block the caller. */
public interface WorkerLink {
    /** Unique per connection, so a message from a replaced connection can be told apart. */
    String id();

    void send(ControllerMessage message);

    void close(String reason);

    /**
     * True when the connection was let in without the API token, on the strength of a join token
     * (or reconnect credential) it must then present at register; false when the API token let
     * it in or the controller has none.
     */
    default boolean joinOnly() { return false; }
}
