package io.ado.cli;

import io.ado.client.ApiClient;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskStatus;
import java.io.PrintStream;

/** Follows one task's stream to the terminal and turns its end into an exit code. */
final class TaskFollower {
    private TaskFollower() {}

    static int follow(ApiClient api, String taskId, long from, String prefix, PrintStream out, PrintStream err) throws InterruptedException {
        StreamMessage.End end = api.follow(taskId, from, m -> {
            switch (m) {
                case StreamMessage.Chunk c -> Printer.chunk(c, out, err, prefix);
                case StreamMessage.Status s -> {
                    if (s.status() == TaskStatus.PENDING && s.error() != null) err.println("ado: " + taskId + ": " + s.error() + "; retrying");
                    else if (s.status() == TaskStatus.SCHEDULED && s.attempt() > 1) err.println("ado: " + taskId + ": attempt " + s.attempt() + " on " + s.workerId());
                }
                case StreamMessage.End e -> { }
            }
        });
        return exitCode(taskId, end, err);
    }

    static int exitCode(String taskId, StreamMessage.End end, PrintStream err) {
        if (end.status() == TaskStatus.COMPLETED) return 0;
        if (end.error() != null && !end.error().startsWith("exit code")) err.println("ado: " + taskId + " " + end.status().wireName() + ": " + end.error());
        if (end.exitCode() != null) return end.exitCode();
        return end.status() == TaskStatus.CANCELLED ? 130 : 1;
    }
}
