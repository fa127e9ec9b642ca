package io.ado.runtime;

import java.time.Duration;

/**
 * Delivers to processes on other nodes. The cluster layer installs one on a runtime. Without
 * it a call to another node fails with {@code noconnection}, a cast or send is dropped (as to a
 * dead process), a monitor fires DOWN with {@code noconnection}, and {@code stop}, {@code kill},
 * {@code exit}, {@code isAlive}, {@code awaitExit} and {@code mailboxSize} throw
 * {@link ProcessExitException} with {@code noconnection}.
 *
 * <p>The operations with a default here are ones a router need not support: the default says
 * so with an {@link UnsupportedOperationException} naming the operation and the process,
 * instead of quietly doing nothing.
 */
public interface RemoteRouter {
    Object call(ProcessRef target, Object msg, Duration timeout);

    void cast(ProcessRef target, Object msg);

    void send(ProcessRef target, Object msg);

    /** Monitor a remote process; DOWN is delivered to {@code watcher} through the runtime. */
    void monitor(ProcessRef watcher, MonitorRef monitor, ProcessRef target);

    void demonitor(MonitorRef monitor, ProcessRef target);

    /** As {@link ProcessRuntime#stop(ProcessRef, ExitReason, Duration)} for a process on another node. */
    default boolean stop(ProcessRef target, ExitReason reason, Duration timeout) { throw unsupported("stop", target); }

    /** As {@link ProcessRuntime#kill} for a process on another node. */
    default void kill(ProcessRef target) { throw unsupported("kill", target); }

    /** An exit signal from {@code from} (null outside a process) to a process on another node. */
    default void exit(ProcessRef target, ProcessRef from, ExitReason reason) { throw unsupported("exit", target); }

    default boolean isAlive(ProcessRef target) { throw unsupported("isAlive", target); }

    default boolean awaitExit(ProcessRef target, Duration timeout) { throw unsupported("awaitExit", target); }

    default int mailboxSize(ProcessRef target) { throw unsupported("mailboxSize", target); }

    private static UnsupportedOperationException unsupported(String operation, ProcessRef target) {
        return new UnsupportedOperationException(operation + " not supported for remote process " + target + " yet");
    }
}
