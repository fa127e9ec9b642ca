package io.ado.worker;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.random.RandomGenerator;

/**
 * What a {@link WorkerAgent} reaches the world through, injected so a test drives it with a
 * {@code ManualClock}, a seeded random, a recording connector and fake runtimes. The agent owns
 * the scheduler (its heartbeats, reconnects and drain deadline run there) and shuts it down on
 * close. {@code spawner} starts tasks off the connection's reader thread.
 */
public record AgentDependencies(Clock clock, RandomGenerator random, ScheduledExecutorService scheduler,
                                ControllerConnector connector, Map<String, TaskRuntime> runtimes, Executor spawner) {

    public AgentDependencies {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(spawner, "spawner");
        runtimes = Map.copyOf(runtimes);
    }

    /** Production: the system clock, a random seeded from entropy, two daemon timer threads, the WebSocket connector, shell and agent runtimes. */
    public static AgentDependencies system(WorkerSettings settings) {
        // Two threads: a connect attempt may block for its timeout without holding up the drain deadline.
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2,
                Thread.ofPlatform().daemon().name("worker-" + settings.workerId() + "-timer-", 0).factory());
        timers.setRemoveOnCancelPolicy(true);
        Executor spawner = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("spawn-", 0).factory());
        return new AgentDependencies(Clock.systemUTC(), new SplittableRandom(), timers, new WebSocketConnector(),
                Map.of("shell", new ShellRuntime(), "agent", new AgentRuntime(settings.agents())), spawner);
    }

    /** The same with {@code rt} among the runtimes (the container runtime, when an engine answered). */
    public AgentDependencies withRuntime(TaskRuntime rt) {
        Map<String, TaskRuntime> all = new HashMap<>(runtimes);
        all.put(rt.name(), rt);
        return new AgentDependencies(clock, random, scheduler, connector, all, spawner);
    }

    public AgentDependencies withConnector(ControllerConnector c) { return new AgentDependencies(clock, random, scheduler, c, runtimes, spawner); }
}
