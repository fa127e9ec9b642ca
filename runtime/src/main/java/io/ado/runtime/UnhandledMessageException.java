package io.ado.runtime;

/** A behaviour received a call or cast it does not handle; crashes the process. */
public final class UnhandledMessageException extends RuntimeException {
    public UnhandledMessageException(String kind, Object msg) {
        super("unhandled " + kind + ": " + msg);
    }
}
