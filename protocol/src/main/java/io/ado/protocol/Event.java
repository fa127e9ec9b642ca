package io.ado.protocol;

import java.util.Map;

/** A system event ({@code worker.registered}, {@code task.completed}, ...) as sent on the event stream. */
public record Event(String type, long at, Map<String, Object> data) {
    public Event { data = data == null ? Map.of() : Map.copyOf(data); }
}
