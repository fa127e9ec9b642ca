package io.ado.cluster.transport;

import io.ado.cluster.NodeId;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} over an {@link InMemoryNetwork}. Messages still go through the JSON
 * codec, so what works here is serialisable for TCP too; each link end delivers in order on
 * its own virtual thread, as a socket reader would. No authentication: tests of the secret
 * use {@link TcpTransport}.
 */
public final class InMemoryTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(InMemoryTransport.class);
    private static final AtomicLong TOKENS = new AtomicLong();

    private final InMemoryNetwork network;
    private final WireCodec codec = new WireCodec();
    private final Set<End> ends = ConcurrentHashMap.newKeySet();
    private final TransportStats stats = new TransportStats(() -> (int) ends.stream().filter(e -> !e.closed).count());
    private volatile String address;
    private volatile NodeId self;
    private volatile LinkHandler handler;
    private volatile boolean closed;

    public InMemoryTransport(InMemoryNetwork network) { this.network = network; }

    @Override
    public int bind(String host, int port) {
        int p = network.bind(host, port, this);
        address = InMemoryNetwork.address(host, p);
        return p;
    }

    @Override
    public void start(NodeId self, LinkHandler handler) {
        this.self = self;
        this.handler = handler;
    }

    @Override
    public void dial(String host, int port, NodeId expected) {
        Thread.ofVirtual().name("ado-mem-dial").start(() -> {
            InMemoryTransport peer = network.lookup(host, port);
            String to = InMemoryNetwork.address(host, port);
            if (closed || peer == null || peer.closed || !network.reachable(address, to)
                    || (expected != null && !expected.equals(peer.self))) {
                handler.onDialFailed(host, port, expected, false, new ConnectException("connection refused: " + to));
                return;
            }
            long token = TOKENS.incrementAndGet();
            End mine = new End(this, peer.self, self, token);
            End theirs = new End(peer, self, self, token);
            mine.other = theirs;
            theirs.other = mine;
            theirs.announced = true;
            if (!peer.handler.onLinkUp(theirs)) {
                theirs.announced = false;
                handler.onDialFailed(host, port, expected, true, null);
                return;
            }
            peer.ends.add(theirs);
            ends.add(mine);
            mine.announced = true;
            if (closed || !handler.onLinkUp(mine)) {
                mine.announced = false;
                mine.send(new WireMessage.Superseded());
                mine.close();
            }
        });
    }

    @Override public TransportStats stats() { return stats; }

    @Override
    public void close() {
        closed = true;
        if (address != null) network.unbind(address, this);
        for (End e : Set.copyOf(ends)) e.close();
    }

    /** One side of an in-memory link: a queue drained in order by a virtual thread. */
    private static final class End implements Link {
        private final InMemoryTransport owner;
        private final NodeId peer;
        private final NodeId dialer;
        private final long token;
        private static final byte[] EOF = new byte[0]; // the far end closed: handle what came before, then close
        private final LinkedBlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        private volatile End other;
        private volatile boolean closed;
        volatile boolean announced;
        private final Thread reader;

        End(InMemoryTransport owner, NodeId peer, NodeId dialer, long token) {
            this.owner = owner;
            this.peer = peer;
            this.dialer = dialer;
            this.token = token;
            this.reader = Thread.ofVirtual().name("ado-mem-link").start(this::readLoop);
        }

        @Override public NodeId peer() { return peer; }
        @Override public NodeId dialer() { return dialer; }
        @Override public long token() { return token; }

        @Override
        public boolean send(WireMessage message) {
            End o = other;
            if (closed || o == null) return false;
            byte[] bytes = owner.codec.encode(message);
            owner.stats.sent();
            if (owner.network.reachable(owner.address, o.owner.address)) o.inbox.add(bytes); // else: lost on the wire
            return true;
        }

        private void readLoop() {
            try {
                while (!closed) {
                    byte[] bytes = inbox.take();
                    if (closed) return;
                    if (bytes == EOF) { close(); return; }
                    WireMessage m = owner.codec.decodeMessage(bytes);
                    owner.stats.received();
                    try {
                        owner.handler.onMessage(this, m);
                    } catch (RuntimeException e) {
                        log.error("handling {} failed", m, e);
                    }
                }
            } catch (InterruptedException e) {
                // closed
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) return;
                closed = true;
            }
            reader.interrupt();
            owner.ends.remove(this);
            if (announced) owner.handler.onLinkClosed(this);
            End o = other;
            // the far end sees the drop, as with TCP; across a partition it must find out by itself
            if (o != null && owner.network.reachable(owner.address, o.owner.address)) o.inbox.add(EOF);
        }
    }
}
