package io.ado.controller.plane;

import io.ado.controller.state.EventBus;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Event;
import io.ado.protocol.StreamMessage;
import io.ado.runtime.From;
import java.util.ArrayList;
import java.util.List;

/**
 * What the control plane wants the world to see, held back until the batch that caused it is
 * committed: replies, messages to workers, stream and system events. Nobody hears of a state
 * the store could still lose, and one commit covers a whole burst of messages.
 */
final class Effects {
    private final EventBus events;
    private final List<Runnable> pending = new ArrayList<>();
    private final List<From> callers = new ArrayList<>();

    Effects(EventBus events) { this.events = events; }

    void send(WorkerLink link, ControllerMessage m) { pending.add(() -> link.send(m)); }

    void close(WorkerLink link, String reason) { pending.add(() -> link.close(reason)); }

    void publish(String taskId, StreamMessage m) { pending.add(() -> events.publish(taskId, m)); }

    void publish(Event e) { pending.add(() -> events.publish(e)); }

    void pool(WorkerPool pool, Plan.PoolAction a) { pending.add(() -> pool.act(a)); }

    /** Anything else to run once the batch is committed (an observer's notice). */
    void later(Runnable r) { pending.add(r); }

    void event(ControllerEvent e) { publish(ControllerEvent.toWire(e)); }

    void reply(From from, Object value) {
        callers.add(from);
        pending.add(() -> from.reply(value));
    }

    /** Drops everything held back (its batch was rolled back); callers hear that nothing happened. */
    void discard() {
        pending.clear();
        List<From> waiting = List.copyOf(callers);
        callers.clear();
        waiting.forEach(f -> f.reply(new ApiException(503, "unavailable", "the store did not take the change; nothing was done, retry")));
    }

    /** Runs everything held back, in the order it was asked for. */
    void release() {
        List<Runnable> now = List.copyOf(pending);
        pending.clear();
        callers.clear();
        now.forEach(Runnable::run);
    }
}
