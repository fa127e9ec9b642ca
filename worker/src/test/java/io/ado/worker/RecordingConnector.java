package io.ado.worker;

import io.ado.protocol.ControllerMessage;
import io.ado.protocol.WorkerMessage;
import io.ado.testkit.ManualClock;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A controller stand-in for agent tests: records every connect attempt and every frame sent,
 * each with the time on the test's clock, and lets the test speak for the controller, refuse
 * connects and drop a connection. Single-threaded, as a {@link ManualClock} test is.
 */
final class RecordingConnector implements ControllerConnector {
    record Dial(long atMillis, URI uri) {}

    record Frame(long atMillis, WorkerMessage message) {}

    private final ManualClock clock;
    final List<Dial> dials = new ArrayList<>();
    final List<Map<String, String>> headers = new ArrayList<>(); // of each dial
    final List<FakeConnection> connections = new ArrayList<>();
    boolean refuse;

    RecordingConnector(ManualClock clock) { this.clock = clock; }

    @Override
    public Connection connect(URI uri, Map<String, String> headers, Consumer<ControllerMessage> onMessage) throws Exception {
        dials.add(new Dial(clock.millis(), uri));
        this.headers.add(Map.copyOf(headers));
        if (refuse) throw new ConnectException("refused: " + uri);
        FakeConnection c = new FakeConnection(onMessage);
        connections.add(c);
        return c;
    }

    FakeConnection last() { return connections.getLast(); }

    List<Long> dialTimes() { return dials.stream().map(Dial::atMillis).toList(); }

    final class FakeConnection implements Connection {
        private final Consumer<ControllerMessage> onMessage;
        private final CompletableFuture<String> closed = new CompletableFuture<>();
        final List<Frame> frames = new ArrayList<>();
        boolean closedByAgent;
        boolean abortedByAgent;

        FakeConnection(Consumer<ControllerMessage> onMessage) { this.onMessage = onMessage; }

        /** The controller sends {@code m}. */
        void deliver(ControllerMessage m) { onMessage.accept(m); }

        /** The network fails under the connection. */
        void drop() { closed.complete("dropped by the test"); }

        List<WorkerMessage> sent() { return frames.stream().map(Frame::message).toList(); }

        <T extends WorkerMessage> List<T> sent(Class<T> type) { return sent().stream().filter(type::isInstance).map(type::cast).toList(); }

        List<Long> times(Class<? extends WorkerMessage> type) {
            return frames.stream().filter(f -> type.isInstance(f.message())).map(Frame::atMillis).toList();
        }

        @Override
        public void send(WorkerMessage message) {
            if (!closed.isDone()) frames.add(new Frame(clock.millis(), message));
        }

        @Override public CompletableFuture<String> closed() { return closed; }

        @Override
        public void close() {
            closedByAgent = true;
            closed.complete("closed by the agent");
        }

        @Override
        public void abort(String why) {
            abortedByAgent = true;
            closed.complete(why);
        }
    }
}
