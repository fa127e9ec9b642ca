package io.ado.runtime;

/** {@code init} threw or the process exited before finishing init; nothing was started. */
public final class InitFailedException extends RuntimeException {
    private final ExitReason reason;

    public InitFailedException(String what, ExitReason reason) {
        super("init of " + what + " failed: " + reason, reason instanceof ExitReason.Crash c ? c.cause() : null);
        this.reason = reason;
    }

    public ExitReason reason() { return reason; }
}
