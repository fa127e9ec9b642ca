package io.ado.cluster.transport;

/** A frame or message that cannot be parsed; the connection that sent it is closed. */
public final class MalformedFrameException extends FrameRejectedException {
    public MalformedFrameException(String message) { super(Kind.MALFORMED, message); }
}
