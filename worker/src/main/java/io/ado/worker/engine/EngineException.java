package io.ado.worker.engine;

import java.io.IOException;

/** The engine answered, with an error status; {@code getMessage()} is its own reason (the {@code message} of its JSON body). */
public final class EngineException extends IOException {
    private final int status;

    public EngineException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() { return status; }
}
