package io.ado.worker;

import java.util.concurrent.CompletableFuture;

/** A task being run by a runtime. {@link #outcome()} completes after all its output went to the sink. */
public interface RunningTask {
    CompletableFuture<Outcome> outcome();

    /** Stops it and its whole process tree; the outcome then says {@code cancelled}. */
    void cancel();
}
