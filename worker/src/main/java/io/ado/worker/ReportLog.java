package io.ado.worker;

import io.ado.protocol.AttemptRef;
import io.ado.protocol.WorkerMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Every report (started, output, end) not yet acknowledged, in the order it was made: what a
 * new connection resends after its register and before any new report, so the controller sees
 * each attempt's reports in order (it drops what it already has: output by seq, the end by
 * attempt). An attempt's reports leave together, when the controller acknowledges its end or
 * calls it stale, so nothing the controller confirmed is sent again. Not thread-safe: the agent
 * guards it with its send lock.
 */
final class ReportLog {
    private final List<WorkerMessage> reports = new ArrayList<>();

    void add(WorkerMessage report) {
        attemptOf(report); // only reports belong here
        reports.add(report);
    }

    /** Drops every report of {@code attempt}. */
    void forget(AttemptRef attempt) { reports.removeIf(r -> attemptOf(r).equals(attempt)); }

    List<WorkerMessage> unacknowledged() { return List.copyOf(reports); }

    static AttemptRef attemptOf(WorkerMessage report) {
        return switch (report) {
            case WorkerMessage.Started s -> new AttemptRef(s.taskId(), s.attempt());
            case WorkerMessage.Output o -> new AttemptRef(o.taskId(), o.attempt());
            case WorkerMessage.Completed c -> new AttemptRef(c.taskId(), c.attempt());
            case WorkerMessage.Failed f -> new AttemptRef(f.taskId(), f.attempt());
            case WorkerMessage.Register r -> throw new IllegalArgumentException("not a report: " + r);
            case WorkerMessage.Heartbeat h -> throw new IllegalArgumentException("not a report: " + h);
        };
    }
}
