package io.ado.runtime;

/** A behaviour name that is not in the {@link BehaviorRegistry} of this node. */
public final class UnknownBehaviorException extends RuntimeException {
    private final String behavior;

    public UnknownBehaviorException(String behavior) {
        super("behavior '" + behavior + "' is not registered on this node");
        this.behavior = behavior;
    }

    public String behavior() { return behavior; }
}
