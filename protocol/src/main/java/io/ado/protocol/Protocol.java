package io.ado.protocol;

/** Protocol constants. A worker announces its version in {@link WorkerMessage.Register}; a mismatch is refused. */
public final class Protocol {
    /** Bumped on any incompatible change of a message below. */
    public static final int VERSION = 1;

    private Protocol() {}
}
