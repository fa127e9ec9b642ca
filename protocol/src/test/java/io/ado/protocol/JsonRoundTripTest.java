package io.ado.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonRoundTripTest {

    static Stream<Object> messages() {
        TaskSpec spec = new TaskSpec("echo hi", "shell", null, Map.of("A", "1"), "/tmp", 1000L, List.of("gpu"), 2);
        return Stream.of(
                new WorkerMessage.Register(Protocol.VERSION, "w1", "host", List.of("shell"), 2, 1024, "api", "claude-code", 4,
                        List.of(new AttemptRef("t1", 1))),
                new WorkerMessage.Heartbeat(12.5, 40, List.of(), false),
                new WorkerMessage.Started("t1", 1),
                new WorkerMessage.Output("t1", 1, 7, OutputStream.STDERR, "oops\n"),
                new WorkerMessage.Completed("t1", 1, 3),
                new WorkerMessage.Failed("t1", 2, "timeout", null),
                new ControllerMessage.Registered(Protocol.VERSION, "w1", 1000),
                new ControllerMessage.Assign("t1", 1, spec),
                new ControllerMessage.Cancel("t1", 1, "user"),
                new ControllerMessage.Drain("shutdown"),
                new ControllerMessage.Ack("t1", 1),
                new StreamMessage.Chunk("t1", 3, 1, OutputStream.STDOUT, "x", 5),
                new StreamMessage.End("t1", TaskStatus.COMPLETED, 0, null));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageSurvivesJson(Object message) {
        Class<?> base = message instanceof WorkerMessage ? WorkerMessage.class
                : message instanceof ControllerMessage ? ControllerMessage.class : StreamMessage.class;
        String json = Json.write(message);
        assertThat(json).contains("\"type\":\"");
        assertThat(Json.read(json, base)).isEqualTo(message);
    }

    @Test
    void typeNamesAreExplicitAndStable() {
        assertThat(Json.write(new WorkerMessage.Started("t", 1))).isEqualTo("{\"type\":\"started\",\"taskId\":\"t\",\"attempt\":1}");
        assertThat(Json.write(new StreamMessage.End("t", TaskStatus.FAILED, 3, null))).contains("\"status\":\"failed\"");
    }

    @Test
    void unknownFieldsAndTypesAreRejected() {
        assertThatThrownBy(() -> Json.read("{\"type\":\"started\",\"taskId\":\"t\",\"attempt\":1,\"x\":2}", WorkerMessage.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> Json.read("{\"type\":\"teleport\"}", WorkerMessage.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teleport");
        assertThatThrownBy(() -> Json.read("{not json", WorkerMessage.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badTaskSpecNamesTheField() {
        assertThatThrownBy(() -> Json.read("{\"command\":\" \"}", TaskSpec.class)).hasMessage("command: must not be blank");
        assertThatThrownBy(() -> Json.read("{\"command\":\"x\",\"timeoutMs\":-1}", TaskSpec.class)).hasMessage("timeoutMs: must be positive");
        assertThatThrownBy(() -> Json.read("{\"command\":\"x\",\"env\":{\"1A\":\"v\"}}", TaskSpec.class)).hasMessageContaining("env");
        assertThat(Json.read("{\"command\":\"x\",\"agent\":\"claude-code\"}", TaskSpec.class).runtime()).isEqualTo("agent");
    }
}
