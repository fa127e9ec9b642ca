package io.ado.cluster.transport;

/** The transport contract over the in-memory network the partition tests use. */
class InMemoryTransportIT extends TransportContract {
    private final InMemoryNetwork network = new InMemoryNetwork();

    @Override
    Transport newTransport() { return new InMemoryTransport(network); }
}
