package io.ado.controller.state;

/** An optimistic-lock write found another version stored: someone else wrote the row; the batch was rolled back. */
public final class ConflictException extends RuntimeException {
    ConflictException(String row, long expected) {
        super("conflict: " + row + " is no longer at version " + expected + " (another writer changed it); the batch was rolled back");
    }
}
