package io.ado.cluster.transport;

import io.ado.cluster.NodeId;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established TCP connection: sealed frames out under a send lock, one reader virtual
 * thread in. Any refused frame (malformed, oversized, forged, replayed) closes this link
 * only, counted in the transport's stats; socket errors just close it.
 */
final class TcpLink implements Link {
    private static final Logger log = LoggerFactory.getLogger(TcpLink.class);

    final Object sendLock = new Object();
    private final TcpTransport transport;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final NodeId peer;
    private final NodeId dialer;
    private final long token;
    private final HmacAuthenticator auth;
    private volatile boolean closed;
    volatile boolean announced; // the handler saw onLinkUp, so it must see onLinkClosed

    TcpLink(TcpTransport transport, Socket socket, DataInputStream in, DataOutputStream out,
            NodeId peer, NodeId dialer, long token, HmacAuthenticator auth) {
        this.transport = transport;
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.peer = peer;
        this.dialer = dialer;
        this.token = token;
        this.auth = auth;
    }

    @Override public NodeId peer() { return peer; }
    @Override public NodeId dialer() { return dialer; }
    @Override public long token() { return token; }

    /** @throws IllegalArgumentException if the message cannot be encoded or exceeds the frame limit */
    @Override
    public boolean send(WireMessage message) {
        if (closed) return false;
        byte[] body = transport.codec().encode(message);
        if (body.length + 8 + HmacAuthenticator.MAC_BYTES > transport.maxFrameBytes()) {
            throw new IllegalArgumentException("message of " + body.length + " bytes exceeds the frame limit of " + transport.maxFrameBytes());
        }
        try {
            synchronized (sendLock) {
                if (closed) return false;
                byte[] frame = auth.seal(body);
                FrameCodec.write(out, frame, transport.maxFrameBytes());
                out.flush();
            }
            transport.stats().sent();
            return true;
        } catch (IOException e) {
            // Leave closing to the reader: frames the peer sent before hanging up (a Superseded
            // or Goodbye) are still buffered and say whether this drop is news or expected.
            log.debug("send to {} failed: {}", peer, e.toString());
            return false;
        }
    }

    /** Runs on the link's own virtual thread until the link closes. */
    void readLoop(Transport.LinkHandler handler) {
        try {
            while (!closed) {
                byte[] frame = FrameCodec.read(in, transport.maxFrameBytes());
                WireMessage m = transport.codec().decodeMessage(auth.open(frame));
                transport.stats().received();
                try {
                    handler.onMessage(this, m);
                } catch (RuntimeException e) {
                    log.error("handling {} from {} failed", m.getClass().getSimpleName(), peer, e);
                }
            }
        } catch (FrameRejectedException e) {
            transport.stats().rejected(e.kind());
            transport.stats().closedOnError();
            log.warn("closing link to {}: {} frame: {}", peer, e.kind(), e.getMessage());
        } catch (IOException e) {
            log.debug("link to {} ended: {}", peer, e.toString());
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        transport.forget(this);
        if (announced) transport.handler().onLinkClosed(this);
    }

    boolean isClosed() { return closed; }

    @Override public String toString() { return "TcpLink[peer=" + peer + ", dialer=" + dialer + ", token=" + token + "]"; }
}
