package io.ado.controller.state;

import io.ado.protocol.Event;
import io.ado.protocol.StreamMessage;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries system events and each task's stream messages to subscribers, on this controller
 * and (with {@link RedisEventBus}) on every other replica. Sinks must not block: they queue.
 * Delivery is at most once; task streams close gaps from the store by sequence number.
 */
public interface EventBus extends AutoCloseable {
    Runnable subscribeEvents(Consumer<Event> sink);

    Runnable subscribeTask(String taskId, Consumer<StreamMessage> sink);

    void publish(Event e);

    void publish(String taskId, StreamMessage m);

    /** Task stream subscribers on this controller (for metrics). */
    int streamSubscribers();

    default void event(String type, long at, Map<String, Object> data) { publish(new Event(type, at, data)); }

    @Override default void close() {}
}
