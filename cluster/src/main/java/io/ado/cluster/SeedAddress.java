package io.ado.cluster;

/**
 * One entry of {@code seeds}: either a full node id ({@code name@host:port}), whose identity
 * is known before connecting, or a bare {@code host:port} DNS name that may resolve to
 * several nodes (a Kubernetes headless service), learned in the handshake.
 */
public record SeedAddress(String host, int port, NodeId node) {

    public static SeedAddress parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("seed must not be blank");
        if (text.contains("@")) {
            NodeId id = NodeId.parse(text);
            return new SeedAddress(id.host(), id.port(), id);
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("seed '" + text + "' must be name@host:port or host:port");
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port = NodeId.port(text, colon, "seed");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("seed '" + text + "' port must be 1..65535");
        return new SeedAddress(host, port, null);
    }

    /** True for {@code host:port} seeds, whose node ids come from DNS and the handshake. */
    public boolean isDns() { return node == null; }
}
