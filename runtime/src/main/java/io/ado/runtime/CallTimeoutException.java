package io.ado.runtime;

import java.time.Duration;

/** A call got no reply within its timeout. The callee keeps running; a late reply is dropped. */
public final class CallTimeoutException extends RuntimeException {
    private final ProcessRef target;

    public CallTimeoutException(ProcessRef target, Duration timeout) {
        super("call to " + target + " timed out after " + timeout.toMillis() + " ms");
        this.target = target;
    }

    public ProcessRef target() { return target; }
}
