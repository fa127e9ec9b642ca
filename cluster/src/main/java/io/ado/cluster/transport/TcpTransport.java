package io.ado.cluster.transport;

import io.ado.cluster.ClusterConfig;
import io.ado.cluster.NodeId;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking TCP on virtual threads: one accept loop, one thread per connection. Before any
 * cluster message flows, a {@link Handshake} proves both sides know the secret and derives the
 * session key; every later frame is sealed by {@link HmacAuthenticator}. Handshake frames are
 * limited to a few KB so an unauthenticated peer cannot make this node allocate much.
 */
public final class TcpTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(TcpTransport.class);
    private static final int HANDSHAKE_FRAME_LIMIT = 4096;

    private final Handshake handshake;
    private final int maxFrameBytes;
    private final int connectTimeoutMs;
    private final WireCodec codec = new WireCodec();
    private final Set<TcpLink> links = ConcurrentHashMap.newKeySet();
    private final TransportStats stats = new TransportStats(() -> (int) links.stream().filter(l -> !l.isClosed()).count());
    private final Set<Socket> handshaking = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private volatile NodeId self;
    private volatile LinkHandler handler;
    private volatile boolean closed;

    public TcpTransport(ClusterConfig config) { this(config, null); }

    /**
     * With an already bound server socket (e.g. handed over by a launcher that reserved the
     * port); {@link #bind} then just reports its port.
     */
    public TcpTransport(ClusterConfig config, ServerSocket preBound) {
        this.server = preBound;
        this.handshake = new Handshake(config.clusterSecret());
        this.maxFrameBytes = config.maxFrameBytes();
        this.connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, config.connectTimeoutMs());
    }

    @Override
    public int bind(String host, int port) throws IOException {
        if (server != null) return server.getLocalPort();
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(host, port), 128);
        return server.getLocalPort();
    }

    @Override
    public void start(NodeId self, LinkHandler handler) {
        this.self = self;
        this.handler = handler;
        Thread.ofVirtual().name("ado-accept-" + self).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().name("ado-link-in").start(() -> accept(s));
            } catch (IOException e) {
                if (!closed) log.warn("accept failed on {}: {}", self, e.toString());
            }
        }
    }

    private void accept(Socket s) {
        handshaking.add(s);
        TcpLink link = null;
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(connectTimeoutMs);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            HandshakeMessage.Hello hello = expect(in, HandshakeMessage.Hello.class);
            if (hello.version() != HandshakeMessage.VERSION) throw handshakeError("unsupported protocol version " + hello.version());
            NodeId dialer = parseNode(hello.node());
            byte[] dn = Handshake.unb64(hello.nonce(), Handshake.NONCE_BYTES);
            byte[] an = Handshake.newNonce();
            String me = self.toString();
            write(out, new HandshakeMessage.Challenge(me, Handshake.b64(an),
                    Handshake.b64(handshake.proof("acceptor", dn, an, hello.node(), me))));
            HandshakeMessage.Proof proof = expect(in, HandshakeMessage.Proof.class);
            if (!handshake.verify("dialer", dn, an, hello.node(), me, Handshake.unb64(proof.proof(), -1))) {
                throw handshakeError("proof from " + dialer + " does not verify (wrong cluster secret?)");
            }
            link = new TcpLink(this, s, in, out, dialer, dialer, Handshake.token(dn),
                    new HmacAuthenticator(handshake.sessionKey(dn, an), false));
            s.setSoTimeout(0);
            handshaking.remove(s);
            boolean accepted;
            synchronized (link.sendLock) { // nothing may be sent on the link before Welcome
                link.announced = true;
                accepted = !closed && handler.onLinkUp(link);
                link.announced = accepted;
                write(out, accepted ? new HandshakeMessage.Welcome() : new HandshakeMessage.Reject("duplicate"));
            }
            if (!accepted) { link.close(); return; }
            links.add(link);
            if (closed) link.close();
            link.readLoop(handler);
        } catch (FrameRejectedException e) {
            stats.rejected(e.kind());
            log.warn("refused connection from {}: {}", s.getRemoteSocketAddress(), e.getMessage());
            closeQuietly(s, link);
        } catch (IOException | RuntimeException e) {
            // a dialer that dislikes our proof (wrong secret) just hangs up: count it here too
            if (link == null && !closed) stats.rejected(FrameRejectedException.Kind.HANDSHAKE);
            log.debug("incoming handshake failed: {}", e.toString());
            closeQuietly(s, link);
        } finally {
            handshaking.remove(s);
        }
    }

    @Override
    public void dial(String host, int port, NodeId expected) {
        Thread.ofVirtual().name("ado-link-out").start(() -> doDial(host, port, expected));
    }

    private void doDial(String host, int port, NodeId expected) {
        Socket s = new Socket();
        handshaking.add(s);
        TcpLink link = null;
        try {
            if (closed) throw new IOException("transport closed");
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            s.setSoTimeout(connectTimeoutMs);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            byte[] dn = Handshake.newNonce();
            String me = self.toString();
            write(out, new HandshakeMessage.Hello(HandshakeMessage.VERSION, me, Handshake.b64(dn)));
            HandshakeMessage.Challenge ch = expect(in, HandshakeMessage.Challenge.class);
            NodeId acceptor = parseNode(ch.node());
            if (expected != null && !expected.equals(acceptor)) throw handshakeError("expected " + expected + " but " + acceptor + " answered");
            byte[] an = Handshake.unb64(ch.nonce(), Handshake.NONCE_BYTES);
            if (!handshake.verify("acceptor", dn, an, me, ch.node(), Handshake.unb64(ch.proof(), -1))) {
                throw handshakeError("proof from " + acceptor + " does not verify (wrong cluster secret?)");
            }
            write(out, new HandshakeMessage.Proof(Handshake.b64(handshake.proof("dialer", dn, an, me, ch.node()))));
            HandshakeMessage answer = readHandshake(in);
            if (answer instanceof HandshakeMessage.Reject) {
                closeQuietly(s, null);
                handler.onDialFailed(host, port, expected, true, null);
                return;
            }
            if (!(answer instanceof HandshakeMessage.Welcome)) throw handshakeError("expected welcome, got " + answer);
            s.setSoTimeout(0);
            handshaking.remove(s);
            link = new TcpLink(this, s, in, out, acceptor, self, Handshake.token(dn),
                    new HmacAuthenticator(handshake.sessionKey(dn, an), true));
            links.add(link);
            link.announced = true;
            if (closed || !handler.onLinkUp(link)) {
                link.announced = false;
                link.send(new WireMessage.Superseded());
                link.close();
                return;
            }
            link.readLoop(handler);
        } catch (FrameRejectedException e) {
            stats.rejected(e.kind());
            log.warn("dial to {}:{} refused: {}", host, port, e.getMessage());
            closeQuietly(s, link);
            handler.onDialFailed(host, port, expected, false, e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(s, link);
            if (link == null) handler.onDialFailed(host, port, expected, false, e);
        } finally {
            handshaking.remove(s);
        }
    }

    private <T extends HandshakeMessage> T expect(DataInputStream in, Class<T> type) throws IOException {
        HandshakeMessage m = readHandshake(in);
        if (!type.isInstance(m)) throw handshakeError("expected " + type.getSimpleName().toLowerCase() + ", got " + m.getClass().getSimpleName());
        return type.cast(m);
    }

    private HandshakeMessage readHandshake(DataInputStream in) throws IOException {
        return codec.decodeHandshake(FrameCodec.read(in, HANDSHAKE_FRAME_LIMIT));
    }

    private void write(DataOutputStream out, HandshakeMessage m) throws IOException {
        FrameCodec.write(out, codec.encode(m), HANDSHAKE_FRAME_LIMIT);
        out.flush();
    }

    private static NodeId parseNode(String text) {
        try {
            return NodeId.parse(text);
        } catch (IllegalArgumentException e) {
            throw handshakeError(e.getMessage());
        }
    }

    private static FrameRejectedException handshakeError(String msg) {
        return new FrameRejectedException(FrameRejectedException.Kind.HANDSHAKE, msg);
    }

    private static void closeQuietly(Socket s, TcpLink link) {
        if (link != null) { link.close(); return; }
        try {
            s.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) server.close();
        } catch (IOException ignored) {
            // shutting down
        }
        for (Socket s : Set.copyOf(handshaking)) closeQuietly(s, null);
        for (TcpLink l : Set.copyOf(links)) l.close();
    }

    @Override public TransportStats stats() { return stats; }

    WireCodec codec() { return codec; }

    int maxFrameBytes() { return maxFrameBytes; }

    LinkHandler handler() { return handler; }

    void forget(TcpLink link) { links.remove(link); }
}
