package io.ado.controller.state;

import io.ado.protocol.Event;
import io.ado.protocol.StreamMessage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * The in-process event bus: system events to every event subscriber, a task's stream
 * messages to that task's subscribers. Publishing never blocks on a subscriber: sinks are
 * expected to queue (see the API's outboxes). A Redis-backed bus would implement the same.
 */
public final class EventPublisher implements EventBus {
    private final Set<Consumer<Event>> eventSinks = new CopyOnWriteArraySet<>();
    private final Map<String, Set<Consumer<StreamMessage>>> taskSinks = new ConcurrentHashMap<>();

    @Override
    public Runnable subscribeEvents(Consumer<Event> sink) {
        eventSinks.add(sink);
        return () -> eventSinks.remove(sink);
    }

    @Override
    public Runnable subscribeTask(String taskId, Consumer<StreamMessage> sink) {
        taskSinks.computeIfAbsent(taskId, k -> new CopyOnWriteArraySet<>()).add(sink);
        return () -> taskSinks.computeIfPresent(taskId, (k, s) -> {
            s.remove(sink);
            return s.isEmpty() ? null : s;
        });
    }

    @Override
    public void publish(Event e) {
        for (Consumer<Event> s : eventSinks) deliver(s, e);
    }

    @Override
    public void publish(String taskId, StreamMessage m) {
        Set<Consumer<StreamMessage>> sinks = taskSinks.get(taskId);
        if (sinks != null) for (Consumer<StreamMessage> s : sinks) deliver(s, m);
    }

    /** One broken subscriber must not keep the message from the others. */
    static <T> void deliver(Consumer<T> sink, T message) {
        try {
            sink.accept(message);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(EventBus.class).warn("event subscriber failed", e);
        }
    }
}
