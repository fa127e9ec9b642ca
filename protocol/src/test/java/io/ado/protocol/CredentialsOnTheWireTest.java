package io.ado.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Join tokens and reconnect credentials: optional on the wire (old peers still understood), never in toString. */
class CredentialsOnTheWireTest {
    static final String JOIN = "adojt_secretjoin0123456789";
    static final String RECONNECT = "adorc_secretreconnect0123456789";

    static WorkerMessage.Register register(String join, String reconnect) {
        return new WorkerMessage.Register(Protocol.VERSION, "w1", "h", List.of("shell"), 2, 1024, "api", null, 1, List.of(), join, reconnect);
    }

    @Test
    void credentialsSurviveJsonAndAreLeftOutWhenAbsent() {
        WorkerMessage.Register withJoin = register(JOIN, null);
        assertThat(Json.read(Json.write(withJoin), WorkerMessage.class)).isEqualTo(withJoin);
        ControllerMessage.Registered registered = new ControllerMessage.Registered(Protocol.VERSION, "w1", 1000, RECONNECT);
        assertThat(Json.read(Json.write(registered), ControllerMessage.class)).isEqualTo(registered);

        String plain = Json.write(register(null, null));
        assertThat(plain).doesNotContain("joinToken").doesNotContain("reconnectToken");
        assertThat(Json.write(new ControllerMessage.Registered(Protocol.VERSION, "w1", 1000))).doesNotContain("reconnectToken");
    }

    @Test
    void messagesOfPeersThatKnowNoCredentialsStillParse() {
        String oldRegister = "{\"type\":\"register\",\"protocolVersion\":1,\"workerId\":\"w1\",\"hostname\":\"h\",\"capabilities\":[\"shell\"],"
                + "\"cpus\":2,\"memoryBytes\":1024,\"accessMode\":\"api\",\"slots\":1,\"running\":[]}";
        assertThat(Json.read(oldRegister, WorkerMessage.class)).isEqualTo(register(null, null));
        String oldRegistered = "{\"type\":\"registered\",\"protocolVersion\":1,\"workerId\":\"w1\",\"heartbeatIntervalMs\":1000}";
        assertThat(Json.read(oldRegistered, ControllerMessage.class)).isEqualTo(new ControllerMessage.Registered(Protocol.VERSION, "w1", 1000));
    }

    @Test
    void toStringNeverShowsACredential() {
        assertThat(register(JOIN, RECONNECT).toString()).contains("workerId=w1", "joinToken=***", "reconnectToken=***")
                .doesNotContain(JOIN).doesNotContain(RECONNECT);
        assertThat(register(null, null).toString()).contains("joinToken=none");
        assertThat(new ControllerMessage.Registered(Protocol.VERSION, "w1", 1000, RECONNECT).toString()).doesNotContain(RECONNECT).contains("***");
        assertThat(new JoinTokenGrant("w1", JOIN, 5).toString()).doesNotContain(JOIN).contains("w1");
    }
}
