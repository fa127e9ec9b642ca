package io.ado.worker;

import io.ado.protocol.ControllerMessage;
import io.ado.protocol.WorkerMessage;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * How the agent reaches a controller: one connection per call, messages in and out. Production
 * is {@link WebSocketConnector}; tests record frames, or wrap it to drop, hold off or blackhole
 * the connection (a partition, a hung or killed worker) without the agent knowing.
 */
public interface ControllerConnector {

    /** Opens a connection, or throws when the controller cannot be reached; {@code onMessage} gets what the controller sends on it. */
    Connection connect(URI uri, Map<String, String> headers, Consumer<ControllerMessage> onMessage) throws Exception;

    /** One open connection; sends keep their order. */
    interface Connection {
        /** Queues a message; dropped once the connection is closed (the agent resends its reports on the next one). */
        void send(WorkerMessage message);

        /** Completes with the reason once the connection is gone, whoever ended it. */
        CompletableFuture<String> closed();

        default boolean isOpen() { return !closed().isDone(); }

        /** Goodbye: a normal close. */
        void close();

        /** Drops the connection at once, without a goodbye. */
        void abort(String why);
    }
}
