package io.ado.runtime;

/** A call or cast addressed a name that no live process holds. */
public final class NoSuchNameException extends RuntimeException {
    public NoSuchNameException(String name) {
        super("no process registered as '" + name + "'");
    }
}
