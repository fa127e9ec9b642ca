package io.ado.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Protocol;
import io.ado.protocol.WorkerMessage;
import io.ado.worker.RecordingConnector.FakeConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker holding a join token: it opens the socket and registers with it once, then with the reconnect credential it was given. */
class WorkerAgentJoinTokenTest {
    static final String JOIN = "adojt_" + "j".repeat(32);
    static final String RECONNECT = "adorc_" + "r".repeat(32);
    static final String API = "api-token-0123456789";

    static WorkerMessage.Register lastRegister(FakeConnection c) { return c.sent(WorkerMessage.Register.class).getLast(); }

    static ControllerMessage.Error refused(String why) { return new ControllerMessage.Error("join_refused", why); }

    /** The controller closes after a refusal: the agent dials again within the longest backoff step. */
    static FakeConnection closedAndRedialled(AgentHarness h, FakeConnection c) {
        int before = h.connector.connections.size();
        c.drop();
        h.clock.advance(AgentHarness.BACKOFF_MAX);
        assertThat(h.connector.connections).hasSize(before + 1);
        return h.connector.last();
    }

    @Test
    void theJoinTokenOpensTheSocketAndRegistersOnceThenTheReconnectCredentialIsPresented() {
        try (AgentHarness h = AgentHarness.withTokens(1, null, JOIN)) {
            h.agent.start();
            h.clock.advance(Duration.ZERO);
            FakeConnection first = h.connector.last();
            assertThat(h.connector.headers.getLast()).isEqualTo(Map.of("Authorization", "Bearer " + JOIN));
            assertThat(lastRegister(first).joinToken()).isEqualTo(JOIN);
            assertThat(lastRegister(first).reconnectToken()).isNull();
            first.deliver(new ControllerMessage.Registered(Protocol.VERSION, "w1", 1000, RECONNECT));

            FakeConnection second = h.dropAndReconnect(first);
            assertThat(lastRegister(second).reconnectToken()).isEqualTo(RECONNECT);
            assertThat(lastRegister(second).joinToken()).isNull();
            second.deliver(new ControllerMessage.Registered(Protocol.VERSION, "w1", 1000)); // no new one: it keeps what it has
            assertThat(lastRegister(h.dropAndReconnect(second)).reconnectToken()).isEqualTo(RECONNECT);
            assertThat(h.agent.refusal()).isNull();
        }
    }

    @Test
    void aRefusedCredentialFallsBackToTheJoinTokenAndWithNothingLeftTheAgentLeaves() {
        try (AgentHarness h = AgentHarness.withTokens(2, null, JOIN)) {
            FakeConnection c = h.startRegisteredWith(RECONNECT);
            c = h.dropAndReconnect(c);
            c.deliver(refused("the reconnect credential is not valid for worker w1 (unknown, or the worker was unregistered)"));
            c = closedAndRedialled(h, c);
            assertThat(lastRegister(c).joinToken()).isEqualTo(JOIN);
            c.deliver(refused("the join token was already used"));
            h.clock.advance(Duration.ZERO);
            assertThat(h.agent.left()).isDone();
            assertThat(h.agent.refusal()).isEqualTo("the join token was already used");
            int dials = h.connector.dials.size();
            c.drop();
            h.clock.advance(Duration.ofSeconds(10));
            assertThat(h.connector.dials).hasSize(dials); // it does not come back
        }
    }

    @Test
    void withTheApiTokenTooARefusedJoinTokenIsDroppedAndTheWorkerRegistersWithoutIt() {
        try (AgentHarness h = AgentHarness.withTokens(3, API, JOIN)) {
            h.agent.start();
            h.clock.advance(Duration.ZERO);
            FakeConnection c = h.connector.last();
            assertThat(h.connector.headers.getLast()).isEqualTo(Map.of("Authorization", "Bearer " + API));
            assertThat(lastRegister(c).joinToken()).isEqualTo(JOIN);
            c.deliver(refused("unknown join token"));
            c = closedAndRedialled(h, c);
            assertThat(lastRegister(c).joinToken()).isNull();
            assertThat(lastRegister(c).reconnectToken()).isNull();
            assertThat(h.agent.left()).isNotDone();
        }
    }

    @Test
    void settingsNeverShowEitherToken() {
        WorkerSettings s = WorkerSettings.of(URI.create("http://c:1"), "w1", 1).withJoinToken(JOIN);
        assertThat(s.toString()).contains("joinToken=***", "token=none").doesNotContain(JOIN);
        assertThat(s.headers()).containsEntry("Authorization", "Bearer " + JOIN);
        assertThat(WorkerSettings.of(URI.create("http://c:1"), "w1", 1).withJoinToken("").joinToken()).isNull(); // an empty variable is no token
    }
}
