package io.ado.runtime;

/**
 * The caller of a {@code call}: lets a behaviour reply later (after returning
 * {@link Result.NoReply}) or from another thread. Replying twice, or after the caller gave
 * up waiting, is a no-op: late replies are dropped.
 */
public interface From {
    void reply(Object value);

    /** The calling process, or null when the caller is not a process (e.g. a plain thread). */
    ProcessRef caller();
}
