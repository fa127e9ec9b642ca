package io.ado.cluster;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * A node's identity, {@code name@host:port}. Ordered (name, host, port) so that both ends of
 * a duplicate connection pick the same survivor.
 */
public record NodeId(String name, String host, int port) implements Comparable<NodeId> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Comparator<NodeId> ORDER =
            Comparator.comparing(NodeId::name).thenComparing(NodeId::host).thenComparingInt(NodeId::port);

    public NodeId {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("node name must match " + NAME.pattern() + ": '" + name + "'");
        }
        if (host == null || host.isBlank() || host.contains("@") || host.contains(" ")) {
            throw new IllegalArgumentException("node host must be a host name or address: '" + host + "'");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("node port must be 1..65535: " + port);
    }

    /**
     * Parses {@code name@host:port}; IPv6 hosts go in brackets ({@code a@[::1]:4369}).
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static NodeId parse(String text) {
        if (text == null) throw new IllegalArgumentException("node id is null");
        int at = text.indexOf('@');
        if (at < 0) throw new IllegalArgumentException("node id '" + text + "' lacks '@': expected name@host:port");
        int colon = text.lastIndexOf(':');
        if (colon < at) throw new IllegalArgumentException("node id '" + text + "' lacks ':port': expected name@host:port");
        String host = text.substring(at + 1, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        return new NodeId(text.substring(0, at), host, port(text, colon, "node id"));
    }

    /** The number after {@code text[colon]}, or an error naming {@code what} was being parsed. */
    static int port(String text, int colon, String what) {
        try {
            return Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' has a non-numeric port");
        }
    }

    @Override
    public int compareTo(NodeId o) { return ORDER.compare(this, o); }

    @Override
    public String toString() {
        return name + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
