package io.ado.cluster;

import java.util.Locale;

/** Lifecycle of a local cluster node, reported through {@code onStatusChange}. */
public enum ClusterStatus {
    STARTING, RUNNING, STOPPING, STOPPED;

    /** The seed's spelling: {@code starting}, {@code running}, ... */
    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
