package io.ado.worker;

import io.ado.protocol.AttemptRef;
import io.ado.protocol.WorkerMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt this worker runs or has finished but the controller has not acknowledged yet.
 * Everything it reported is kept in order so it can be resent after a reconnect; the
 * controller drops what it already has (output by seq, the end by attempt).
 */
final class Attempt {
    final AttemptRef ref;
    private final List<WorkerMessage> log = new ArrayList<>();
    private long nextSeq;
    private boolean finished;
    private RunningTask task;
    private boolean cancelRequested;

    Attempt(AttemptRef ref) { this.ref = ref; }

    synchronized long nextSeq() { return nextSeq++; }

    synchronized void record(WorkerMessage m) {
        log.add(m);
        if (m instanceof WorkerMessage.Completed || m instanceof WorkerMessage.Failed) finished = true;
    }

    synchronized List<WorkerMessage> log() { return List.copyOf(log); }

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
