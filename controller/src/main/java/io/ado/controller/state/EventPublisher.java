package io.ado.controller.state;

import io.ado.protocol.Event;
import io.ado.protocol.StreamMessage;
import java.util.function.Consumer;

/**
 * The in-process event bus: system events to every event subscriber, a task's stream
 * messages to that task's subscribers. Publishing never blocks on a subscriber: sinks are
 * expected to queue (see the API's outboxes). {@link RedisEventBus} is the one for replicas.
 */
public final class EventPublisher implements EventBus {
    private final Subscribers subscribers = new Subscribers();

    @Override public int streamSubscribers() { return subscribers.taskSinkCount(); }

    @Override public Runnable subscribeEvents(Consumer<Event> sink) { return subscribers.subscribeEvents(sink); }

    @Override public Runnable subscribeTask(String taskId, Consumer<StreamMessage> sink) { return subscribers.subscribeTask(taskId, sink); }

    @Override public void publish(Event e) { subscribers.deliver(e); }

    @Override public void publish(String taskId, StreamMessage m) { subscribers.deliver(taskId, m); }
}
