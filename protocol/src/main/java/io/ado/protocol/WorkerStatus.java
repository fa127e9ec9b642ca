package io.ado.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A worker as the controller sees it. {@code disconnected}: the connection dropped and the
 * reconnect window runs; {@code unhealthy}: connected but heartbeats stopped; {@code offline}:
 * unregistered, its tasks handed back.
 */
public enum WorkerStatus {
    @JsonProperty("idle") IDLE,
    @JsonProperty("busy") BUSY,
    @JsonProperty("draining") DRAINING,
    @JsonProperty("unhealthy") UNHEALTHY,
    @JsonProperty("disconnected") DISCONNECTED,
    @JsonProperty("offline") OFFLINE;

    public String wireName() { return name().toLowerCase(); }
}
