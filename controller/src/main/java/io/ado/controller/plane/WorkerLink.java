package io.ado.controller.plane;

import io.ado.protocol.ControllerMessage;

/** The controller's end of one worker connection. Sends never block the caller. */
public interface WorkerLink {
    /** Unique per connection, so a message from a replaced connection can be told apart. */
    String id();

    void send(ControllerMessage message);

    void close(String reason);
}
