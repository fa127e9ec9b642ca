package io.ado.controller.state;

/** The EventBus contract on the in-process bus: every "replica" in a test is the same bus. */
class LocalEventBusTest extends EventBusContract {
    private final EventPublisher shared = new EventPublisher();

    @Override EventBus newReplica() { return shared; }
}
