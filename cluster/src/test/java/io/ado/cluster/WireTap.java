package io.ado.cluster;

import io.ado.cluster.transport.FrameCodec;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An attacker on the wire: a TCP proxy on 127.0.0.1 in front of a node, which the other node
 * dials as a {@code host:port} seed. It forwards both ways, reading the dialer's side frame by
 * frame; the first two frames are the handshake (hello, proof), every later one is sealed
 * ({@code seq | payload | MAC}). A test arms it to replay or alter the next sealed frame.
 */
final class WireTap implements AutoCloseable {
    private static final int HANDSHAKE_FRAMES = 2;
    private static final int MAC_BYTES = 32;
    private static final int SEQ_BYTES = 8;

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Function<byte[], List<byte[]>>> attack = new AtomicReference<>();
    private volatile boolean done;

    WireTap(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("wire-tap").start(this::acceptLoop);
    }

    /** The seed that routes through this tap. */
    String seed() { return "127.0.0.1:" + server.getLocalPort(); }

    /** The dialer's next sealed frame goes through, then again byte for byte. */
    void replayNext() { attack.set(frame -> List.of(frame, frame)); }

    /** The dialer's next sealed frame keeps its sequence number and MAC but carries {@code payload} instead. */
    void substituteNext(byte[] payload) {
        attack.set(f -> {
            ByteBuffer b = ByteBuffer.allocate(SEQ_BYTES + payload.length + MAC_BYTES);
            b.put(f, 0, SEQ_BYTES).put(payload).put(Arrays.copyOfRange(f, f.length - MAC_BYTES, f.length));
            return List.of(b.array());
        });
    }

    /** True once an armed attack has been carried out. */
    boolean done() { return done; }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket dialer = server.accept();
                Socket node = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(dialer);
                sockets.add(node);
                Thread.ofVirtual().start(() -> pump(dialer, node));
                Thread.ofVirtual().start(() -> copy(node, dialer));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Dialer to node, frame by frame. */
    private void pump(Socket from, Socket to) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream()));
            DataOutputStream out = new DataOutputStream(to.getOutputStream());
            for (int n = 0; ; n++) {
                byte[] frame = FrameCodec.read(in, Integer.MAX_VALUE);
                Function<byte[], List<byte[]>> a = n >= HANDSHAKE_FRAMES ? attack.getAndSet(null) : null;
                for (byte[] f : a == null ? List.of(frame) : a.apply(frame)) FrameCodec.write(out, f, Integer.MAX_VALUE);
                out.flush();
                if (a != null) done = true;
            }
        } catch (IOException e) {
            // either side hung up
        } finally {
            closeBoth(from, to);
        }
    }

    private void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // either side hung up
        } finally {
            closeBoth(from, to);
        }
    }

    private static void closeBoth(Socket a, Socket b) {
        try { a.close(); } catch (IOException ignored) { /* closing */ }
        try { b.close(); } catch (IOException ignored) { /* closing */ }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
    }
}
