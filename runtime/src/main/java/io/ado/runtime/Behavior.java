package io.ado.runtime;

/**
 * A GenServer-style behaviour with a typed state. The runtime runs one instance per process
 * on its own virtual thread and hands it one message at a time, so callbacks never need
 * locks. Any exception from a callback crashes the process ("let it crash"); the caller of
 * a crashed {@code handleCall} gets a {@link ProcessExitException}.
 *
 * <p>Inside a callback, {@link ProcessContext#current()} gives the process its own ref,
 * trap-exit control, links and monitors.
 */
public interface Behavior<S> {

    /** Builds the initial state. Throwing makes {@code start} fail with {@link InitFailedException}. */
    S init(Object args) throws Exception;

    default Result<S> handleCall(Object msg, From from, S state) throws Exception {
        throw new UnhandledMessageException("call", msg);
    }

    default Result<S> handleCast(Object msg, S state) throws Exception {
        throw new UnhandledMessageException("cast", msg);
    }

    /** Plain messages: {@code send}, {@link ExitSignal} when trapping exits, {@link Down}. */
    default Result<S> handleInfo(Object msg, S state) throws Exception {
        return Result.noReply(state); // like OTP's default: unexpected info is dropped
    }

    default void terminate(ExitReason reason, S state) {}
}
