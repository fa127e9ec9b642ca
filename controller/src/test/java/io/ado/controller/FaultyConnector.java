package io.ado.controller;

import io.ado.protocol.ControllerMessage;
import io.ado.protocol.WorkerMessage;
import io.ado.worker.ControllerConnector;
import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Wraps an in-JVM worker's real connector so a test can fail the network under it: a partition
 * (connection dropped, no reconnect until healed), a hung worker (connection open, heartbeats
 * lost) or a killed one (dropped for good). The agent itself is not told.
 */
final class FaultyConnector implements ControllerConnector {
    private final ControllerConnector real;
    private final Object lock = new Object();
    private Connection current;
    private boolean partitioned;
    private boolean dead;
    private volatile boolean muted;

    FaultyConnector(ControllerConnector real) { this.real = real; }

    @Override
    public Connection connect(URI uri, Map<String, String> headers, Consumer<ControllerMessage> onMessage) throws Exception {
        synchronized (lock) {
            while (partitioned && !dead) lock.wait(); // held until healed, so the reconnect comes at once then
            if (dead) throw new ConnectException("worker killed");
        }
        Connection c = new Muteable(real.connect(uri, headers, onMessage));
        synchronized (lock) {
            if (dead || partitioned) c.abort("cut while connecting");
            current = c;
        }
        return c;
    }

    /** While {@code on}: the connection is dropped without a goodbye and no new one is made. Tasks keep running. */
    void partition(boolean on) {
        Connection c;
        synchronized (lock) {
            partitioned = on;
            c = on ? current : null;
            lock.notifyAll();
        }
        if (c != null) c.abort("partitioned");
    }

    /** As SIGSTOP would: the connection stays open but no heartbeat reaches the controller. */
    void muteHeartbeats(boolean on) { muted = on; }

    /** As kill -9 would, on the network side: the connection drops without a goodbye and never comes back. */
    void cutForGood() {
        Connection c;
        synchronized (lock) {
            dead = true;
            c = current;
            lock.notifyAll();
        }
        if (c != null) c.abort("killed");
    }

    private final class Muteable implements Connection {
        private final Connection inner;

        Muteable(Connection inner) { this.inner = inner; }

        @Override
        public void send(WorkerMessage m) {
            if (!(muted && m instanceof WorkerMessage.Heartbeat)) inner.send(m);
        }

        @Override public CompletableFuture<String> closed() { return inner.closed(); }

        @Override public void close() { inner.close(); }

        @Override public void abort(String why) { inner.abort(why); }
    }
}
