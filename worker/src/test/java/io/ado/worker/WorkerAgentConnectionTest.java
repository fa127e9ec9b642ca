package io.ado.worker;

import static io.ado.worker.AgentHarness.BACKOFF;
import static io.ado.worker.AgentHarness.registered;
import static org.assertj.core.api.Assertions.assertThat;

import io.ado.protocol.WorkerMessage;
import io.ado.worker.RecordingConnector.Dial;
import io.ado.worker.RecordingConnector.FakeConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Reconnects and heartbeats, timed by a ManualClock: each happens at exactly its due time, never before. */
class WorkerAgentConnectionTest {

    /** Advances to just before {@code at}, checks nothing new was dialled, then to {@code at}. */
    private static void expectDialAt(AgentHarness h, long at) {
        int before = h.connector.dials.size();
        h.clock.advance(Duration.ofMillis(at - h.clock.millis() - 1));
        assertThat(h.connector.dials).as("dialled before %d", at).hasSize(before);
        h.clock.advance(Duration.ofMillis(1));
        assertThat(h.connector.dials).as("dialled at %d", at).hasSize(before + 1);
    }

    @Test
    void reconnectAttemptsComeAtExactlyTheBackoffDelaysDrawnFromTheInjectedRandom() {
        try (AgentHarness h = new AgentHarness(42)) {
            RandomGenerator same = new SplittableRandom(42);
            h.connector.refuse = true;
            h.agent.start();
            h.clock.advance(Duration.ZERO);
            List<Long> expected = new ArrayList<>(List.of(h.clock.millis()));
            for (int failures = 0; failures < 7; failures++) {
                long at = expected.getLast() + BACKOFF.delay(failures, same).toMillis();
                expectDialAt(h, at);
                expected.add(at);
            }
            assertThat(h.connector.dialTimes()).containsExactlyElementsOf(expected);
            // the steps grew to the cap: the last ones lie in [max/2, max)
            assertThat(expected.getLast() - expected.get(expected.size() - 2)).isBetween(1000L, 2000L);
        }
    }

    @Test
    void aRegistrationResetsTheBackoffButARefusalBeforeRegisteringDoesNot() {
        try (AgentHarness h = new AgentHarness(3)) {
            RandomGenerator same = new SplittableRandom(3);
            h.connector.refuse = true;
            h.agent.start();
            h.clock.advance(Duration.ZERO);
            for (int failures = 0; failures < 3; failures++) expectDialAt(h, h.clock.millis() + BACKOFF.delay(failures, same).toMillis());
            h.connector.refuse = false;
            expectDialAt(h, h.clock.millis() + BACKOFF.delay(3, same).toMillis());
            // a standby accepts, then closes without registering us: still failing, the step grows
            h.connector.last().drop();
            expectDialAt(h, h.clock.millis() + BACKOFF.delay(4, same).toMillis());
            h.connector.last().deliver(registered(1000));
            h.connector.last().drop();
            expectDialAt(h, h.clock.millis() + BACKOFF.delay(0, same).toMillis());
        }
    }

    @Test
    void triesEveryReplicaInTurnAndBacksOffOncePerRound() {
        try (AgentHarness h = new AgentHarness(5, "http://a:1", "http://b:2")) {
            RandomGenerator same = new SplittableRandom(5);
            h.connector.refuse = true;
            h.agent.start();
            h.clock.advance(Duration.ZERO);
            long t0 = h.clock.millis();
            long t1 = t0 + BACKOFF.delay(0, same).toMillis();
            long t2 = t1 + BACKOFF.delay(1, same).toMillis();
            h.clock.advance(Duration.ofMillis(t2 - t0));
            URI a = URI.create("ws://a:1/api/v1/workers/connect");
            URI b = URI.create("ws://b:2/api/v1/workers/connect");
            assertThat(h.connector.dials).containsExactly(new Dial(t0, a), new Dial(t0, b), new Dial(t1, a), new Dial(t1, b), new Dial(t2, a),
                    new Dial(t2, b));
        }
    }

    @Test
    void heartbeatsGoOutAtExactlyTheIntervalTheControllerGaveAndOnlyOnceRegistered() {
        try (AgentHarness h = new AgentHarness()) {
            h.agent.start();
            h.clock.advance(Duration.ZERO);
            FakeConnection c = h.connector.last();
            h.clock.advance(Duration.ofSeconds(30));
            assertThat(c.sent(WorkerMessage.Heartbeat.class)).as("before registered").isEmpty();

            long t0 = h.clock.millis();
            c.deliver(registered(700));
            h.clock.advance(Duration.ofMillis(699));
            assertThat(c.sent(WorkerMessage.Heartbeat.class)).isEmpty();
            h.clock.advance(Duration.ofMillis(1));
            assertThat(c.times(WorkerMessage.Heartbeat.class)).containsExactly(t0 + 700);
            h.clock.advance(Duration.ofMillis(1400));
            assertThat(c.times(WorkerMessage.Heartbeat.class)).containsExactly(t0 + 700, t0 + 1400, t0 + 2100);
            assertThat(h.agent.isConnected()).isTrue();
        }
    }

    @Test
    void aNewConnectionHeartbeatsAtItsOwnIntervalAndTheOldOneFallsSilent() {
        try (AgentHarness h = new AgentHarness()) {
            FakeConnection first = h.startRegistered(500);
            h.clock.advance(Duration.ofMillis(500));
            FakeConnection second = h.dropAndReconnect(first);
            assertThat(h.agent.isConnected()).as("not registered yet").isFalse();
            h.clock.advance(Duration.ofSeconds(5));
            assertThat(second.sent(WorkerMessage.Heartbeat.class)).isEmpty();
            long t0 = h.clock.millis();
            second.deliver(registered(300));
            h.clock.advance(Duration.ofMillis(900));
            assertThat(second.times(WorkerMessage.Heartbeat.class)).containsExactly(t0 + 300, t0 + 600, t0 + 900);
            assertThat(first.sent(WorkerMessage.Heartbeat.class)).hasSize(1);
        }
    }

    @Test
    void closingStopsHeartbeatsAndReconnects() {
        try (AgentHarness h = new AgentHarness()) {
            FakeConnection c = h.startRegistered(100);
            h.agent.close();
            h.clock.advance(Duration.ofSeconds(10));
            assertThat(c.closedByAgent).isTrue();
            assertThat(c.sent(WorkerMessage.Heartbeat.class)).isEmpty();
            assertThat(h.connector.dials).hasSize(1);
        }
    }
}
