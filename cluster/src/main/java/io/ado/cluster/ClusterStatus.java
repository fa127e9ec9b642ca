package io.ado.cluster;

/** Lifecycle of a local cluster node, reported through {@code onStatusChange}. */
public enum ClusterStatus {
    STARTING, RUNNING, STOPPING, STOPPED;

    /** The seed's spelling: {@code starting}, {@code running}, ... */
    public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
}
