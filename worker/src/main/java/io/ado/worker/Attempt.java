package io.ado.worker;

import io.ado.protocol.AttemptRef;
import io.ado.protocol.WorkerMessage;

/**
 * One attempt this worker runs or has finished but the controller has not acknowledged yet.
 * What it reported is kept, for the resend, in the agent's {@link ReportLog}.
 */
final class Attempt {
    final AttemptRef ref;
    private long nextSeq;
    private boolean finished;
    private RunningTask task;
    private boolean cancelRequested;

    Attempt(AttemptRef ref) { this.ref = ref; }

    synchronized long nextSeq() { return nextSeq++; }

    /** Notes a report: its end marks the attempt finished. */
    synchronized void reported(WorkerMessage m) {
        if (m instanceof WorkerMessage.Completed || m instanceof WorkerMessage.Failed) finished = true;
    }

    synchronized boolean finished() { return finished; }

    /** The process is up; a cancel that arrived while it was being spawned takes effect now. */
    void started(RunningTask t) {
        boolean cancel;
        synchronized (this) {
            task = t;
            cancel = cancelRequested;
        }
        if (cancel) t.cancel();
    }

    void cancel() {
        RunningTask t;
        synchronized (this) {
            cancelRequested = true;
            t = task;
        }
        if (t != null) t.cancel();
    }
}
