package io.ado.runtime;

/** The process a call was waiting on exited (or did not exist) before replying. */
public final class ProcessExitException extends RuntimeException {
    private final ProcessRef target;
    private final ExitReason reason;

    public ProcessExitException(ProcessRef target, ExitReason reason) {
        super("process " + target + " exited: " + reason,
                reason instanceof ExitReason.Crash c ? c.cause() : null);
        this.target = target;
        this.reason = reason;
    }

    public ProcessRef target() { return target; }
    public ExitReason reason() { return reason; }
}
