package io.ado.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.protocol.AttemptRef;
import io.ado.protocol.OutputStream;
import io.ado.protocol.WorkerMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportLogTest {
    final ReportLog log = new ReportLog();
    final WorkerMessage aStarted = new WorkerMessage.Started("a", 1);
    final WorkerMessage bStarted = new WorkerMessage.Started("b", 1);
    final WorkerMessage aOut = new WorkerMessage.Output("a", 1, 0, OutputStream.STDOUT, "x");
    final WorkerMessage bOut = new WorkerMessage.Output("b", 1, 0, OutputStream.STDERR, "y");
    final WorkerMessage aDone = new WorkerMessage.Completed("a", 1, 0);
    final WorkerMessage bFailed = new WorkerMessage.Failed("b", 1, "cancelled", null);

    @Test
    void keepsReportsOfAllAttemptsInTheOrderTheyWereMade() {
        for (WorkerMessage m : List.of(aStarted, bStarted, bOut, aOut, aDone, bFailed)) log.add(m);
        assertThat(log.unacknowledged()).containsExactly(aStarted, bStarted, bOut, aOut, aDone, bFailed);
    }

    @Test
    void forgettingAnAttemptDropsAllOfItsReportsAndOnlyThose() {
        for (WorkerMessage m : List.of(aStarted, bStarted, aOut, bOut, aDone)) log.add(m);
        log.forget(new AttemptRef("a", 1));
        assertThat(log.unacknowledged()).containsExactly(bStarted, bOut);
        log.forget(new AttemptRef("b", 2)); // another attempt of b: not these
        assertThat(log.unacknowledged()).containsExactly(bStarted, bOut);
    }

    @Test
    void aSnapshotDoesNotChangeWithTheLog() {
        log.add(aStarted);
        List<WorkerMessage> before = log.unacknowledged();
        log.add(aOut);
        log.forget(new AttemptRef("a", 1));
        assertThat(before).containsExactly(aStarted);
        assertThat(log.unacknowledged()).isEmpty();
    }

    @Test
    void heartbeatsAndRegistersAreNotReports() {
        assertThatThrownBy(() -> log.add(new WorkerMessage.Heartbeat(1, 1, List.of(), false))).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.unacknowledged()).isEmpty();
    }
}
