package io.ado.cluster;

/** Lets tests in other packages simulate failures of a node (the hooks are package-private). */
public final class ClusterTestHooks {
    private ClusterTestHooks() {}

    /** Closes every socket without a goodbye, as a kill -9 would: peers see connection_closed. */
    public static void crash(ClusterNode n) { n.crashForTest(); }

    /** Stops heartbeats but keeps sockets open, as a hung (SIGSTOPped) node: peers see heartbeat_timeout. */
    public static void freeze(ClusterNode n) { n.freezeForTest(); }
}
