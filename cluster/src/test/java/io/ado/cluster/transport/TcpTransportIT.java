package io.ado.cluster.transport;

import io.ado.cluster.ClusterConfig;

/** The transport contract over real sockets, with HMAC on. */
class TcpTransportIT extends TransportContract {
    @Override
    Transport newTransport() { return new TcpTransport(ClusterConfig.builder("t").clusterSecret("contract").build()); }
}
