package io.ado.worker.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where an engine listens, as {@code DOCKER_HOST} spells it: {@code unix:///run/podman/podman.sock}
 * or {@code tcp://host:2375} (plain TCP; TLS, {@code ssh://} and {@code npipe://} are not supported).
 * {@code socket} is set for unix, {@code host}/{@code port} for tcp.
 */
public record EngineAddress(String text, Path socket, String host, int port) {

    public static EngineAddress unix(Path socket) { return new EngineAddress("unix://" + socket.toAbsolutePath(), socket.toAbsolutePath(), null, 0); }

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static EngineAddress parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("container host: must not be blank");
        String t = text.trim();
        if (t.startsWith("unix://")) {
            String path = t.substring("unix://".length());
            if (!path.startsWith("/")) throw new IllegalArgumentException("container host: a unix socket needs an absolute path, not '" + text + "'");
            return new EngineAddress(t, Path.of(path), null, 0);
        }
        if (t.startsWith("tcp://") || t.startsWith("http://")) {
            URI u = URI.create(t.replaceFirst("^tcp://", "http://"));
            if (u.getHost() == null) throw new IllegalArgumentException("container host: no host in '" + text + "'");
            return new EngineAddress(t, null, u.getHost(), u.getPort() < 0 ? 2375 : u.getPort());
        }
        throw new IllegalArgumentException("container host: must be unix:///path or tcp://host:port, not '" + text + "'");
    }

    /** Connects {@code ch} (opened for this address's protocol family): a missing socket fails at once. */
    void connect(SocketChannel ch) throws IOException {
        try {
            if (socket != null) {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } else {
                ch.connect(new InetSocketAddress(host, port));
                ch.socket().setTcpNoDelay(true);
            }
        } catch (ClosedChannelException e) {
            throw e; // closed by the request's deadline
        } catch (IOException e) {
            throw new IOException("cannot connect to " + text + ": " + e.getMessage(), e);
        }
    }

    @Override public String toString() { return text; }
}
