package io.ado.cluster;

import io.ado.runtime.Backoff;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of one cluster node: every field of the seed's {@code ClusterConfig} with its
 * default, plus a few transport limits. Build with {@link #builder(String)}; the constructor
 * rejects bad values with a message naming the field.
 *
 * @param nodeName               this node's name (the part before {@code @})
 * @param host                   address to listen on; default {@code 0.0.0.0}
 * @param port                   port to listen on, {@code 0} for an ephemeral one; default 4369
 * @param seeds                  {@code name@host:port} ids, or {@code host:port} DNS names that may
 *                               resolve to several addresses (a Kubernetes headless service)
 * @param clusterSecret          shared secret for HMAC authentication; null = no authentication
 * @param advertiseHost          host put in this node's id; null = {@code host}, or the local
 *                               address when listening on the wildcard
 * @param maxFrameBytes          larger frames close the connection
 * @param connectTimeoutMs       TCP connect and handshake timeout
 */
public record ClusterConfig(
        String nodeName,
        String host,
        int port,
        List<String> seeds,
        String clusterSecret,
        long heartbeatIntervalMs,
        int heartbeatMissThreshold,
        long reconnectBaseDelayMs,
        long reconnectMaxDelayMs,
        String advertiseHost,
        int maxFrameBytes,
        long connectTimeoutMs) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 4369;
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 5000;
    public static final int DEFAULT_HEARTBEAT_MISS_THRESHOLD = 3;
    public static final long DEFAULT_RECONNECT_BASE_DELAY_MS = 1000;
    public static final long DEFAULT_RECONNECT_MAX_DELAY_MS = 30000;
    public static final int DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5000;

    public ClusterConfig {
        if (nodeName == null || nodeName.isBlank()) throw new IllegalArgumentException("nodeName is required");
        new NodeId(nodeName, "localhost", 1); // validates the name with NodeId's rules
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host must not be blank");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535: " + port);
        seeds = List.copyOf(Objects.requireNonNullElse(seeds, List.of()));
        for (String s : seeds) SeedAddress.parse(s); // fail at start-up, not at the first dial
        if (clusterSecret != null && clusterSecret.isEmpty()) throw new IllegalArgumentException("clusterSecret must not be empty (use null for none)");
        if (heartbeatIntervalMs <= 0) throw new IllegalArgumentException("heartbeatIntervalMs must be positive: " + heartbeatIntervalMs);
        if (heartbeatMissThreshold < 1) throw new IllegalArgumentException("heartbeatMissThreshold must be >= 1: " + heartbeatMissThreshold);
        if (reconnectBaseDelayMs <= 0) throw new IllegalArgumentException("reconnectBaseDelayMs must be positive: " + reconnectBaseDelayMs);
        if (reconnectMaxDelayMs < reconnectBaseDelayMs) {
            throw new IllegalArgumentException("reconnectMaxDelayMs (" + reconnectMaxDelayMs + ") must be >= reconnectBaseDelayMs (" + reconnectBaseDelayMs + ")");
        }
        if (maxFrameBytes < 1024) throw new IllegalArgumentException("maxFrameBytes must be >= 1024: " + maxFrameBytes);
        if (connectTimeoutMs <= 0) throw new IllegalArgumentException("connectTimeoutMs must be positive: " + connectTimeoutMs);
    }

    public static Builder builder(String nodeName) { return new Builder(nodeName); }

    public Builder toBuilder() {
        Builder b = new Builder(nodeName).host(host).port(port).seeds(seeds).clusterSecret(clusterSecret)
                .heartbeatIntervalMs(heartbeatIntervalMs).heartbeatMissThreshold(heartbeatMissThreshold)
                .reconnectBaseDelayMs(reconnectBaseDelayMs).reconnectMaxDelayMs(reconnectMaxDelayMs)
                .advertiseHost(advertiseHost).maxFrameBytes(maxFrameBytes).connectTimeoutMs(connectTimeoutMs);
        return b;
    }

    /**
     * Seed 003's reconnect schedule: attempt {@code n} waits between half and all of
     * {@code min(reconnectMaxDelayMs, reconnectBaseDelayMs * 2^n)}, so nodes that lost the same
     * peer do not all redial in lockstep.
     */
    public Backoff reconnectBackoff() { return Backoff.ofMillis(reconnectBaseDelayMs, reconnectMaxDelayMs); }

    /** Time without heartbeats after which a peer is down. */
    public long heartbeatTimeoutMs() { return heartbeatIntervalMs * heartbeatMissThreshold; }

    public boolean authenticated() { return clusterSecret != null; }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ClusterConfig[nodeName=" + nodeName + ", host=" + host + ", port=" + port + ", seeds=" + seeds
                + ", clusterSecret=" + (clusterSecret == null ? "none" : "***") + ", heartbeatIntervalMs=" + heartbeatIntervalMs
                + ", heartbeatMissThreshold=" + heartbeatMissThreshold + ", reconnectBaseDelayMs=" + reconnectBaseDelayMs
                + ", reconnectMaxDelayMs=" + reconnectMaxDelayMs + ", advertiseHost=" + advertiseHost
                + ", maxFrameBytes=" + maxFrameBytes + ", connectTimeoutMs=" + connectTimeoutMs + "]";
    }

    /** Fluent builder holding the seed's defaults. */
    public static final class Builder {
        private final String nodeName;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private List<String> seeds = List.of();
        private String clusterSecret;
        private long heartbeatIntervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS;
        private int heartbeatMissThreshold = DEFAULT_HEARTBEAT_MISS_THRESHOLD;
        private long reconnectBaseDelayMs = DEFAULT_RECONNECT_BASE_DELAY_MS;
        private long reconnectMaxDelayMs = DEFAULT_RECONNECT_MAX_DELAY_MS;
        private String advertiseHost;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private long connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;

        private Builder(String nodeName) { this.nodeName = nodeName; }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder seeds(List<String> v) { seeds = v; return this; }
        public Builder seeds(String... v) { seeds = List.of(v); return this; }
        public Builder clusterSecret(String v) { clusterSecret = v; return this; }
        public Builder heartbeatIntervalMs(long v) { heartbeatIntervalMs = v; return this; }
        public Builder heartbeatMissThreshold(int v) { heartbeatMissThreshold = v; return this; }
        public Builder reconnectBaseDelayMs(long v) { reconnectBaseDelayMs = v; return this; }
        public Builder reconnectMaxDelayMs(long v) { reconnectMaxDelayMs = v; return this; }
        public Builder advertiseHost(String v) { advertiseHost = v; return this; }
        public Builder maxFrameBytes(int v) { maxFrameBytes = v; return this; }
        public Builder connectTimeoutMs(long v) { connectTimeoutMs = v; return this; }

        public ClusterConfig build() {
            return new ClusterConfig(nodeName, host, port, seeds, clusterSecret, heartbeatIntervalMs, heartbeatMissThreshold,
                    reconnectBaseDelayMs, reconnectMaxDelayMs, advertiseHost, maxFrameBytes, connectTimeoutMs);
        }
    }
}
