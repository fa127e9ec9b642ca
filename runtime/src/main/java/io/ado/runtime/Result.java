package io.ado.runtime;

/**
 * What a callback returns: the GenServer contract as a sealed type, handled by an
 * exhaustive switch in the process loop. A {@link Reply} from a cast or info handler is a
 * bad return and ends the process with a {@code bad_return} crash.
 */
public sealed interface Result<S> {

    /** Reply {@code value} to the caller and continue with {@code state}. */
    record Reply<S>(Object value, S state) implements Result<S> {}

    /** Continue with {@code state}; for a call, the reply comes later through {@link From#reply}. */
    record NoReply<S>(S state) implements Result<S> {}

    /** Stop with {@code reason}; for a call, {@code reply} (if non-null) is sent first. */
    record Stop<S>(ExitReason reason, Object reply, S state) implements Result<S> {}

    static <S> Result<S> reply(Object value, S state) { return new Reply<>(value, state); }
    static <S> Result<S> noReply(S state) { return new NoReply<>(state); }
    static <S> Result<S> stop(ExitReason reason, S state) { return new Stop<>(reason, null, state); }
    static <S> Result<S> stopAndReply(ExitReason reason, Object reply, S state) { return new Stop<>(reason, reply, state); }
}
