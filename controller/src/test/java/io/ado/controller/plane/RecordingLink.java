package io.ado.controller.plane;

import io.ado.protocol.ControllerMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A worker connection that records what the controller sends it. */
final class RecordingLink implements WorkerLink {
    private final String id;
    private final boolean joinOnly;
    final List<ControllerMessage> sent = new CopyOnWriteArrayList<>();
    volatile String closedBecause;

    RecordingLink(String id) { this(id, false); }

    /** @param joinOnly as a connection let in on a join token, without the API token */
    RecordingLink(String id, boolean joinOnly) {
        this.id = id;
        this.joinOnly = joinOnly;
    }

    @Override public String id() { return id; }

    @Override public boolean joinOnly() { return joinOnly; }

    @Override public void send(ControllerMessage message) { sent.add(message); }

    @Override public void close(String reason) { closedBecause = reason; }

    <T extends ControllerMessage> List<T> of(Class<T> type) { return sent.stream().filter(type::isInstance).map(type::cast).toList(); }
}
