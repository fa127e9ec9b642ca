package io.ado.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Protocol;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerMessage;
import io.ado.testkit.ManualClock;
import io.ado.worker.RecordingConnector.FakeConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Which runtimes a worker has decides what it advertises, and a task for one it lacks fails instead of hanging. */
class WorkerAgentRuntimesTest {
    /** An agent on its own manual clock (closing an agent shuts its clock's scheduler down), registered. */
    record Rig(WorkerAgent agent, FakeConnection connection) implements AutoCloseable {
        static Rig started(Map<String, TaskRuntime> runtimes) {
            ManualClock clock = new ManualClock();
            RecordingConnector connector = new RecordingConnector(clock);
            WorkerSettings s = new WorkerSettings(List.of(URI.create("http://c1:7000")), "w1", "host-1", List.of("gpu"), 2, "api", null, Map.of(),
                    Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30), null, null);
            WorkerAgent a = new WorkerAgent(s, new AgentDependencies(clock, new SplittableRandom(1), clock.scheduler(), connector, runtimes, Runnable::run));
            a.start();
            clock.advance(Duration.ZERO);
            FakeConnection c = connector.last();
            c.deliver(new ControllerMessage.Registered(Protocol.VERSION, "w1", 1000));
            return new Rig(a, c);
        }

        List<String> advertised() { return ((WorkerMessage.Register) connection.sent().getFirst()).capabilities(); }

        @Override public void close() { agent.close(); }
    }

    /** A runtime that is there by name only. */
    record NamedFake(String name) implements TaskRuntime {
        @Override
        public RunningTask start(TaskSpec spec, Map<String, String> extraEnv, OutputSink sink) { return RunningTask.failed("fake"); }
    }

    @Test
    void theContainerCapabilityComesWithTheContainerRuntimeOnly() {
        try (Rig without = Rig.started(Map.of("shell", new FakeRuntime()))) {
            assertThat(without.advertised()).containsExactly("shell", "gpu");
        }
        try (Rig with = Rig.started(Map.of("shell", new FakeRuntime(), "container", new NamedFake("container")))) {
            assertThat(with.advertised()).containsExactly("shell", "gpu", "container");
        }
    }

    @Test
    void aTaskForARuntimeThisWorkerLacksFailsWithTheReason() {
        try (Rig r = Rig.started(Map.of("shell", new FakeRuntime()))) {
            FakeConnection c = r.connection();
            c.deliver(new ControllerMessage.Assign("t1", 1, TaskSpec.container("true", "alpine")));
            assertThat(c.sent()).last().isEqualTo(new WorkerMessage.Failed("t1", 1, "this worker has no container runtime (it has [shell])", null));
        }
    }
}
