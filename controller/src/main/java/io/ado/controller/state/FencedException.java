package io.ado.controller.state;

/** A commit refused because another replica took the lease over: the writer is no longer the leader. */
public final class FencedException extends RuntimeException {
    FencedException(String lease, long ours, long current) {
        super("fenced: lease '" + lease + "' is at fencing " + current + ", this writer holds " + ours + "; its batch was rolled back");
    }
}
