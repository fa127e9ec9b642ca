package io.ado.cluster.membership;

/** Connection state of a known peer (the seed's connection lifecycle). */
public enum NodeStatus { CONNECTING, CONNECTED, DISCONNECTED }
