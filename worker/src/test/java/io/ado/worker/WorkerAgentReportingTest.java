package io.ado.worker;

import static io.ado.worker.AgentHarness.ack;
import static io.ado.worker.AgentHarness.assign;
import static io.ado.worker.AgentHarness.cancel;
import static io.ado.worker.AgentHarness.ref;
import static io.ado.worker.AgentHarness.registered;
import static org.assertj.core.api.Assertions.assertThat;

import io.ado.protocol.ControllerMessage;
import io.ado.protocol.OutputStream;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerMessage.Completed;
import io.ado.protocol.WorkerMessage.Failed;
import io.ado.protocol.WorkerMessage.Heartbeat;
import io.ado.protocol.WorkerMessage.Output;
import io.ado.protocol.WorkerMessage.Register;
import io.ado.protocol.WorkerMessage.Started;
import io.ado.worker.FakeRuntime.FakeTask;
import io.ado.worker.RecordingConnector.FakeConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the agent reports, resends, forgets and hands back: the worker protocol without a controller, sockets or sleeps. */
class WorkerAgentReportingTest {
    final AgentHarness h = new AgentHarness();

    @AfterEach
    void down() { h.close(); }

    private static Output out(String task, long seq, String data) { return new Output(task, 1, seq, OutputStream.STDOUT, data); }

    @Test
    void reportsGoOutAsTheyHappen() {
        FakeConnection c = h.startRegistered(1000);
        c.deliver(assign("a", 1));
        FakeTask a = h.shell.task("a", 1);
        a.print("x");
        a.exit(3);
        assertThat(c.sent()).hasSize(4).endsWith(new Started("a", 1), out("a", 0, "x"), new Completed("a", 1, 3));
        assertThat(c.sent().getFirst()).isInstanceOf(Register.class);
    }

    @Test
    void onReconnectTheRegisterCarriesHeldAttemptsAndUnacknowledgedReportsAreResentInTheirOriginalOrder() {
        FakeConnection first = h.startRegistered(1000);
        first.deliver(assign("a", 1));
        first.deliver(assign("b", 1));
        FakeTask a = h.shell.task("a", 1), b = h.shell.task("b", 1);
        a.print("a0");
        b.print("b0");
        a.print("a1");
        a.exit(0);
        first.drop();
        b.print("b1"); // while cut off: kept for the next connection

        FakeConnection second = h.dropAndReconnect(first);
        List<WorkerMessage> sent = second.sent();
        assertThat(((Register) sent.getFirst()).running()).containsExactlyInAnyOrder(ref("a", 1), ref("b", 1));
        assertThat(sent.subList(1, sent.size())).containsExactly(new Started("a", 1), new Started("b", 1), out("a", 0, "a0"),
                out("b", 0, "b0"), out("a", 1, "a1"), new Completed("a", 1, 0), out("b", 1, "b1"));
        b.print("b2"); // a new report comes after the whole resend
        assertThat(second.sent().getLast()).isEqualTo(out("b", 2, "b2"));
        assertThat(first.sent()).doesNotContain(out("b", 1, "b1"));
    }

    @Test
    void anAcknowledgedAttemptIsNeitherHeldNorResent() {
        FakeConnection first = h.startRegistered(1000);
        first.deliver(assign("a", 1));
        first.deliver(assign("b", 1));
        h.shell.task("a", 1).print("done soon");
        h.shell.task("a", 1).exit(0);
        first.deliver(ack("a", 1));
        assertThat(h.agent.heldAttempts()).containsExactly(ref("b", 1));

        FakeConnection second = h.dropAndReconnect(first);
        assertThat(((Register) second.sent().getFirst()).running()).containsExactly(ref("b", 1));
        assertThat(second.sent().subList(1, second.sent().size())).containsExactly(new Started("b", 1));
        second.deliver(registered(1000));
        FakeConnection third = h.dropAndReconnect(second);
        assertThat(third.sent().subList(1, third.sent().size())).containsExactly(new Started("b", 1));
    }

    @Test
    void aRepeatedAssignOfAHeldAttemptStartsNothingNew() {
        FakeConnection c = h.startRegistered(1000);
        c.deliver(assign("a", 1));
        c.deliver(assign("a", 1));
        assertThat(h.shell.started()).isEqualTo(1);
        assertThat(c.sent(Started.class)).hasSize(1);
    }

    @Test
    void aCancelForAnUnknownOrStaleAttemptIsHarmless() {
        FakeConnection c = h.startRegistered(1000);
        c.deliver(assign("a", 2));
        FakeTask a2 = h.shell.task("a", 2);
        c.deliver(cancel("nobody", 1));
        c.deliver(cancel("a", 1)); // an attempt of a that is no longer ours
        assertThat(a2.cancelled).isFalse();
        assertThat(h.agent.heldAttempts()).containsExactly(ref("a", 2));
        assertThat(c.sent()).hasSize(2); // register, started: nothing else went out

        // b finished while the controller gave it to someone else: forget it instead of resending it forever
        c.deliver(assign("b", 1));
        h.shell.task("b", 1).exit(3);
        c.deliver(cancel("b", 1));
        assertThat(h.agent.heldAttempts()).containsExactly(ref("a", 2));
        FakeConnection again = h.dropAndReconnect(c);
        assertThat(again.sent()).noneMatch(m -> m instanceof Started s && s.taskId().equals("b") || m instanceof Completed);

        again.deliver(cancel("a", 2)); // the current attempt: stopped and reported
        assertThat(a2.cancelled).isTrue();
        assertThat(again.sent().getLast()).isEqualTo(new Failed("a", 2, "cancelled", null));
    }

    @Test
    void heartbeatsListWhatStillRunsAndWhetherTheWorkerDrains() {
        FakeConnection c = h.startRegistered(200);
        c.deliver(assign("a", 1));
        c.deliver(assign("b", 1));
        h.shell.task("a", 1).exit(0);
        h.clock.advance(Duration.ofMillis(200));
        assertThat(c.sent(Heartbeat.class).getLast().running()).containsExactly(ref("b", 1));
        assertThat(c.sent(Heartbeat.class).getLast().draining()).isFalse();
        c.deliver(new ControllerMessage.Drain("api"));
        h.clock.advance(Duration.ofMillis(200));
        assertThat(c.sent(Heartbeat.class).getLast().draining()).isTrue();
        // an API drain keeps the worker: it stays when nothing is left
        c.deliver(ack("a", 1));
        h.shell.task("b", 1).exit(0);
        c.deliver(ack("b", 1));
        h.clock.advance(Duration.ofSeconds(5));
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void drainHandsBackWhatHasNotFinishedAtTheDeadline() {
        FakeConnection c = h.startRegistered(60_000);
        c.deliver(assign("a", 1));
        c.deliver(assign("b", 1));
        FakeTask b = h.shell.task("b", 1);
        h.shell.task("a", 1).exit(0);
        c.deliver(ack("a", 1));

        CompletableFuture<Void> left = h.agent.startDrain(Duration.ofSeconds(10));
        Heartbeat told = c.sent(Heartbeat.class).getLast();
        assertThat(told.draining()).isTrue();
        assertThat(told.running()).containsExactly(ref("b", 1));
        h.clock.advance(Duration.ofMillis(9_999));
        assertThat(left).isNotDone();
        assertThat(c.isOpen()).isTrue();
        assertThat(b.cancelled).isFalse();

        h.clock.advance(Duration.ofMillis(1));
        assertThat(left).isDone();
        assertThat(c.closedByAgent).as("a goodbye, not a crash").isTrue();
        assertThat(b.cancelled).isTrue();
        assertThat(h.agent.heldAttempts()).containsExactly(ref("b", 1)); // never acknowledged: the controller requeues it
        h.clock.advance(Duration.ofSeconds(10));
        assertThat(h.connector.dials).as("gone for good").hasSize(1);
    }

    @Test
    void drainLeavesAsSoonAsEverythingHeldIsAcknowledged() {
        FakeConnection c = h.startRegistered(60_000);
        c.deliver(assign("a", 1));
        CompletableFuture<Void> left = h.agent.startDrain(Duration.ofSeconds(10));
        h.clock.advance(Duration.ofSeconds(1));
        FakeTask a = h.shell.task("a", 1);
        a.exit(0);
        h.clock.advance(Duration.ZERO);
        assertThat(left).as("finished but not yet acknowledged").isNotDone();
        c.deliver(ack("a", 1));
        h.clock.advance(Duration.ZERO);
        assertThat(left).isDone();
        assertThat(c.closedByAgent).isTrue();
        assertThat(a.cancelled).isFalse();
    }
}
