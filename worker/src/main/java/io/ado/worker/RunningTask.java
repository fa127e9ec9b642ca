package io.ado.worker;

import java.util.concurrent.CompletableFuture;

/** A task being run by a runtime. {@link #outcome()} completes after all its output went to the sink. */
public interface RunningTask {
    CompletableFuture<Outcome> outcome();

    /** Stops it and its whole process tree; the outcome then says {@code cancelled}. */
    void cancel();

    /** One that failed before it ran, with {@code why}. */
    static RunningTask failed(String why) {
        CompletableFuture<Outcome> done = CompletableFuture.completedFuture(Outcome.failed(why, null));
        return new RunningTask() {
            @Override public CompletableFuture<Outcome> outcome() { return done; }
            @Override public void cancel() {}
        };
    }
}
