package io.ado.worker;

import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Protocol;
import io.ado.protocol.TaskSpec;
import io.ado.runtime.Backoff;
import io.ado.testkit.ManualClock;
import io.ado.worker.RecordingConnector.FakeConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A {@link WorkerAgent} with no controller, sockets or threads: a {@link ManualClock} and its
 * scheduler, a seeded random, a {@link RecordingConnector} and a {@link FakeRuntime}; tasks are
 * spawned on the test's own thread. Time moves only in {@code clock.advance}.
 */
final class AgentHarness implements AutoCloseable {
    static final Duration BACKOFF_MIN = Duration.ofMillis(100);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(2);
    static final Backoff BACKOFF = new Backoff(BACKOFF_MIN, BACKOFF_MAX);

    final ManualClock clock = new ManualClock();
    final RecordingConnector connector = new RecordingConnector(clock);
    final FakeRuntime shell = new FakeRuntime();
    final WorkerAgent agent;

    AgentHarness(long seed, String... controllers) {
        this(seed, Arrays.stream(controllers.length == 0 ? new String[] {"http://c1:7000"} : controllers).map(URI::create).toList(), null, null);
    }

    /** One controller; {@code token} the API token, {@code joinToken} a join token (either may be null). */
    static AgentHarness withTokens(long seed, String token, String joinToken) {
        return new AgentHarness(seed, List.of(URI.create("http://c1:7000")), token, joinToken);
    }

    private AgentHarness(long seed, List<URI> urls, String token, String joinToken) {
        WorkerSettings settings = new WorkerSettings(urls, "w1", "host-1", List.of(), 2, "api", null, Map.of(), BACKOFF_MIN, BACKOFF_MAX,
                Duration.ofSeconds(30), token, joinToken);
        agent = new WorkerAgent(settings, new AgentDependencies(clock, new SplittableRandom(seed), clock.scheduler(), connector,
                Map.of("shell", shell), Runnable::run));
    }

    AgentHarness() { this(7); }

    /** Starts the agent, lets its first connect happen and registers it with this heartbeat interval. */
    FakeConnection startRegistered(long heartbeatMs) {
        agent.start();
        clock.advance(Duration.ZERO);
        FakeConnection c = connector.last();
        c.deliver(registered(heartbeatMs));
        return c;
    }

    /** Starts the agent and registers it, handing it {@code reconnectToken} as a controller does for a consumed join token. */
    FakeConnection startRegisteredWith(String reconnectToken) {
        agent.start();
        clock.advance(Duration.ZERO);
        FakeConnection c = connector.last();
        c.deliver(new ControllerMessage.Registered(Protocol.VERSION, "w1", 1000, reconnectToken));
        return c;
    }

    /** Drops {@code c} and advances past the longest first backoff step: the agent is connected again, not yet registered. */
    FakeConnection dropAndReconnect(FakeConnection c) {
        int before = connector.connections.size();
        c.drop();
        clock.advance(BACKOFF_MIN);
        if (connector.connections.size() != before + 1) throw new AssertionError("no reconnect within " + BACKOFF_MIN);
        return connector.last();
    }

    static ControllerMessage.Registered registered(long heartbeatMs) { return new ControllerMessage.Registered(Protocol.VERSION, "w1", heartbeatMs); }

    static ControllerMessage.Assign assign(String taskId, int attempt) { return new ControllerMessage.Assign(taskId, attempt, TaskSpec.shell("true")); }

    static ControllerMessage.Cancel cancel(String taskId, int attempt) { return new ControllerMessage.Cancel(taskId, attempt, "test"); }

    static ControllerMessage.Ack ack(String taskId, int attempt) { return new ControllerMessage.Ack(taskId, attempt); }

    static AttemptRef ref(String taskId, int attempt) { return new AttemptRef(taskId, attempt); }

    @Override public void close() { agent.close(); }
}
