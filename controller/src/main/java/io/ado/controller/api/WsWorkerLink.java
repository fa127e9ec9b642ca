package io.ado.controller.api;

import io.ado.controller.plane.WorkerLink;
import io.ado.protocol.ControllerMessage;

/** A worker connection as the control plane sees it: sends go through the socket's outbox. */
final class WsWorkerLink implements WorkerLink {
    private final String id;
    private final Outbox outbox;
    private final boolean joinOnly;

    /** @param joinOnly let in on a join token, without the API token */
    WsWorkerLink(String id, Outbox outbox, boolean joinOnly) {
        this.id = id;
        this.outbox = outbox;
        this.joinOnly = joinOnly;
    }

    @Override public String id() { return id; }

    @Override public boolean joinOnly() { return joinOnly; }

    Outbox outbox() { return outbox; }

    @Override public void send(ControllerMessage message) { outbox.send(message); }

    @Override public void close(String reason) { outbox.closeAfterDrain(); }

    @Override public String toString() { return "link " + id; }
}
