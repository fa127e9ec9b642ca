package io.ado.cluster.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.cluster.remote.MessageTypes;
import io.ado.runtime.ExitReason;
import io.ado.runtime.MonitorRef;
import io.ado.runtime.ProcessRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    record Greeting(String who, int times) {}

    private final WireCodec codec = new WireCodec();
    private final MessageTypes types = new MessageTypes().register(Greeting.class);

    @Test
    void everyMessageRoundTrips() {
        ProcessRef ref = new ProcessRef("a@h:1", 42);
        List<WireMessage> all = List.of(
                new WireMessage.Heartbeat(10, 3, List.of("a@h:1")),
                new WireMessage.Goodbye(),
                new WireMessage.Superseded(),
                new WireMessage.CallRequest(1, WireMessage.Target.named("svc"), types.encode(new Greeting("x", 2)), 500),
                new WireMessage.CallReply(1, types.encode("ok"), null),
                new WireMessage.CallReply(2, null, new WireMessage.CallError("exit", ref, WireReason.of(ExitReason.NOPROC), "gone")),
                new WireMessage.Cast(WireMessage.Target.of(ref), types.encode(7)),
                new WireMessage.Send(WireMessage.Target.of(ref), types.encode(ref)),
                new WireMessage.Monitor(ref, new MonitorRef("b@h:2", 9), 42),
                new WireMessage.Demonitor(new MonitorRef("b@h:2", 9), 42),
                new WireMessage.DownNotice(ref, new MonitorRef("b@h:2", 9), ref, WireReason.of(ExitReason.NOCONNECTION)));
        for (WireMessage m : all) { // JSON numbers may come back as another node type: compare the encodings
            WireMessage back = codec.decodeMessage(codec.encode(m));
            assertThat(back.getClass()).isEqualTo(m.getClass());
            assertThat(codec.encode(back)).isEqualTo(codec.encode(m));
        }
        assertThat(codec.decodeMessage(codec.encode(all.get(0)))).isEqualTo(all.get(0));
    }

    @Test
    void payloadsDecodeOnlyToRegisteredTypes() {
        Payload p = types.encode(new Greeting("ada", 3));
        assertThat(p.type()).isEqualTo(Greeting.class.getName());
        assertThat(types.decode(p)).isEqualTo(new Greeting("ada", 3));
        assertThat(new MessageTypes().isRegistered(Greeting.class)).isFalse();
        assertThatThrownBy(() -> new MessageTypes().decode(p)).hasMessageContaining("not registered here");
        assertThatThrownBy(() -> new MessageTypes().encode(new Greeting("a", 1))).hasMessageContaining("register(Greeting.class)");
    }

    @Test
    void classNamesFromTheWireAreNeverLoaded() {
        String evil = "{\"type\":\"cast\",\"target\":{\"name\":\"x\",\"id\":0},\"msg\":{\"type\":\"java.lang.ProcessBuilder\",\"value\":{}}}";
        WireMessage m = codec.decodeMessage(evil.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> types.decode(((WireMessage.Cast) m).msg())).hasMessageContaining("not registered");
        assertThatThrownBy(() -> codec.decodeMessage("{\"type\":\"java.util.HashMap\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void garbageIsMalformed() {
        for (String s : List.of("", "not json", "{\"type\":\"heartbeat\",\"extra\":1}", "[]", "null", "{".repeat(200))) {
            assertThatThrownBy(() -> codec.decodeMessage(s.getBytes(StandardCharsets.UTF_8))).as(s).isInstanceOf(MalformedFrameException.class);
        }
    }

    @Test
    void exitReasonsSurviveTheWire() {
        for (ExitReason r : List.of(ExitReason.NORMAL, ExitReason.SHUTDOWN, new ExitReason.Shutdown("x"), ExitReason.KILLED,
                ExitReason.NOPROC, ExitReason.NOCONNECTION, ExitReason.custom("bad_input"),
                new ExitReason.Crash("java.lang.IllegalStateException", "boom", null))) {
            assertThat(WireReason.of(r).toExitReason()).isEqualTo(r);
        }
    }
}
