package io.ado.runtime.supervisor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JVM-wide subscribers to every supervisor's lifecycle events. A throwing listener is logged, never fatal. */
final class SupervisorEvents {
    private static final Logger log = LoggerFactory.getLogger(SupervisorEvents.class);
    private static final List<Consumer<SupervisorEvent>> LISTENERS = new CopyOnWriteArrayList<>();

    private SupervisorEvents() {}

    static AutoCloseable subscribe(Consumer<SupervisorEvent> l) {
        LISTENERS.add(l);
        return () -> LISTENERS.remove(l);
    }

    static void publish(SupervisorEvent e) {
        for (Consumer<SupervisorEvent> l : LISTENERS) deliver(l, e);
    }

    static void deliver(Consumer<SupervisorEvent> l, SupervisorEvent e) {
        try {
            l.accept(e);
        } catch (RuntimeException ex) {
            log.warn("supervisor event listener threw on {}", e.type(), ex);
        }
    }
}
