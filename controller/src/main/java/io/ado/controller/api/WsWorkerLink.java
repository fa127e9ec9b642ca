package io.ado.controller.api;

import io.ado.controller.plane.WorkerLink;
import io.ado.protocol.ControllerMessage;

/** A worker connection as the control plane sees it: sends go through the socket's outbox. */
final class WsWorkerLink implements WorkerLink {
    private final String id;
    private final Outbox outbox;

    WsWorkerLink(String id, Outbox outbox) {
        this.id = id;
        this.outbox = outbox;
    }

    @Override public String id() { return id; }

    Outbox outbox() { return outbox; }

    @Override public void send(ControllerMessage message) { outbox.send(message); }

    @Override public void close(String reason) { outbox.closeAfterDrain(); }

    @Override public String toString() { return "link " + id; }
}
