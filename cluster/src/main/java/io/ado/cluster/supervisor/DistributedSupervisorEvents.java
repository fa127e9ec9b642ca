package io.ado.cluster.supervisor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JVM-wide subscribers to distributed supervisor events; a throwing listener is logged, never fatal. */
final class DistributedSupervisorEvents {
    private static final Logger log = LoggerFactory.getLogger(DistributedSupervisorEvents.class);
    private static final List<Consumer<DistributedSupervisorEvent>> LISTENERS = new CopyOnWriteArrayList<>();

    private DistributedSupervisorEvents() {}

    static Runnable subscribe(Consumer<DistributedSupervisorEvent> l) {
        LISTENERS.add(l);
        return () -> LISTENERS.remove(l);
    }

    static void publish(DistributedSupervisorEvent e) {
        for (Consumer<DistributedSupervisorEvent> l : LISTENERS) deliver(l, e);
    }

    static void deliver(Consumer<DistributedSupervisorEvent> l, DistributedSupervisorEvent e) {
        try {
            l.accept(e);
        } catch (RuntimeException ex) {
            log.warn("distributed supervisor event listener threw on {}", e.type(), ex);
        }
    }
}
