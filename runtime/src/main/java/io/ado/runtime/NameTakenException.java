package io.ado.runtime;

/** {@code register} with a name that a live process already holds. */
public final class NameTakenException extends RuntimeException {
    public NameTakenException(String name, ProcessRef holder) {
        super("name '" + name + "' is already registered to " + holder);
    }
}
