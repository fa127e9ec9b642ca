package io.ado.controller.spawner;

/** A spawner could not do what it was asked; the message is the reason shown to the user. */
public class SpawnException extends Exception {
    public SpawnException(String message) { super(message); }

    public SpawnException(String message, Throwable cause) { super(message, cause); }
}
