package io.ado.controller.state;

import io.ado.protocol.Event;
import io.ado.protocol.StreamMessage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The local subscribers of an event bus: every event sink, and each task's stream sinks. Both
 * bus implementations keep their subscribers here; they differ only in how a message gets to
 * {@link #deliver(Event)} / {@link #deliver(String, StreamMessage)}.
 */
final class Subscribers {
    private final Set<Consumer<Event>> eventSinks = new CopyOnWriteArraySet<>();
    private final Map<String, Set<Consumer<StreamMessage>>> taskSinks = new ConcurrentHashMap<>();

    Runnable subscribeEvents(Consumer<Event> sink) {
        eventSinks.add(sink);
        return () -> eventSinks.remove(sink);
    }

    Runnable subscribeTask(String taskId, Consumer<StreamMessage> sink) {
        taskSinks.computeIfAbsent(taskId, k -> new CopyOnWriteArraySet<>()).add(sink);
        return () -> taskSinks.computeIfPresent(taskId, (k, s) -> {
            s.remove(sink);
            return s.isEmpty() ? null : s;
        });
    }

    boolean hasAnyTaskSinks() { return !taskSinks.isEmpty(); }

    /** Task stream sinks here now (each open {@code ado attach} / stream socket is one). */
    int taskSinkCount() {
        int n = 0;
        for (Set<Consumer<StreamMessage>> s : taskSinks.values()) n += s.size();
        return n;
    }

    void deliver(Event e) {
        for (Consumer<Event> s : eventSinks) deliver(s, e);
    }

    void deliver(String taskId, StreamMessage m) {
        Set<Consumer<StreamMessage>> sinks = taskSinks.get(taskId);
        if (sinks != null) for (Consumer<StreamMessage> s : sinks) deliver(s, m);
    }

    /** One broken subscriber must not keep the message from the others. */
    private static <T> void deliver(Consumer<T> sink, T message) {
        try {
            sink.accept(message);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(EventBus.class).warn("event subscriber failed", e);
        }
    }
}
