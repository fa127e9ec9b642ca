package io.ado.controller.lease;

/**
 * The stored lease: who holds it, the URL workers and other replicas reach it at, the fencing
 * number every write of the holder carries, and when it lapses (epoch ms). An empty holder
 * means nobody has held it yet.
 */
public record LeaseRow(String holder, String url, long fencing, long expiresAt) {
    public static final LeaseRow VACANT = new LeaseRow("", "", 0, 0);
}
