package io.ado.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribers to a stream of events (lifecycle events and the like). A listener that throws
 * is logged and skipped: one broken subscriber never stops delivery to the others, nor the
 * process that publishes.
 */
public final class Listeners<E> {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<Consumer<? super E>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; run the result to remove it. */
    public Runnable subscribe(Consumer<? super E> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(E event) {
        for (Consumer<? super E> l : listeners) deliver(l, event);
    }

    /** Calls one listener, logging instead of propagating what it throws. */
    public static <E> void deliver(Consumer<? super E> listener, E event) {
        try {
            listener.accept(event);
        } catch (RuntimeException ex) {
            log.warn("event listener threw on {}", event, ex);
        }
    }
}
