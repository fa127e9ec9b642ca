package io.ado.cluster;

/** The transport contract over real sockets, with HMAC on. */
class TcpTransportIT extends TransportContract {
    @Override
    Transport newTransport() { return new TcpTransport(ClusterConfig.builder("t").clusterSecret("contract").build()); }
}
