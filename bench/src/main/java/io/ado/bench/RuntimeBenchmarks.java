package io.ado.bench;

import io.ado.runtime.Behavior;
import io.ado.runtime.From;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.Result;
import io.ado.runtime.StartOptions;
import io.ado.runtime.supervisor.ChildSpec;
import io.ado.runtime.supervisor.RestartType;
import io.ado.runtime.supervisor.Strategy;
import io.ado.runtime.supervisor.Supervisor;
import io.ado.runtime.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The runtime's three headline figures: call round-trip, cast throughput on a 1 M-message
 * burst (deep mailbox), and supervisor restart latency (crash → restarted child answering).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class RuntimeBenchmarks {
    static final int BURST = 1_000_000;
    static final Duration T = Duration.ofSeconds(30);

    /** Counts casts; replies to a call with the count. */
    public static final class Counter implements Behavior<long[]> {
        @Override public long[] init(Object args) { return new long[1]; }
        @Override public Result<long[]> handleCall(Object msg, From from, long[] s) {
            if (msg == CRASH) throw new IllegalStateException("benchmark crash");
            return Result.reply(s[0], s);
        }
        @Override public Result<long[]> handleCast(Object msg, long[] s) { s[0]++; return Result.noReply(s); }
    }

    static final Object PING = "ping";
    static final Object CRASH = "crash";

    ProcessRuntime rt;
    ProcessRef counter;
    Supervisor sup;

    @Setup(Level.Trial)
    public void setup() {
        rt = ProcessRuntime.create("bench@local");
        counter = rt.start(new Counter(), null);
        sup = Supervisor.start(rt, SupervisorSpec.builder(Strategy.ONE_FOR_ONE).intensity(Integer.MAX_VALUE, 1)
                .child(new ChildSpec("victim", (r, a) -> r.start(new Counter(), null, StartOptions.named("victim").linked()),
                        RestartType.PERMANENT, Duration.ofSeconds(1), false, false, null))
                .build());
    }

    @TearDown(Level.Trial)
    public void tearDown() { rt.close(); }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 3, time = 2)
    public Object callRoundTrip() { return rt.call(counter, PING, T); }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(BURST)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 8)
    public Object castBurst1Producer() {
        ProcessRef c = counter;
        for (int i = 0; i < BURST; i++) rt.cast(c, PING);
        return rt.call(c, PING, T); // FIFO: returns once every cast has been handled
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(BURST)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 8)
    public Object castBurst2Producers() throws InterruptedException {
        ProcessRef c = counter;
        Runnable half = () -> { for (int i = 0; i < BURST / 2; i++) rt.cast(c, PING); };
        Thread other = Thread.ofPlatform().start(half);
        half.run();
        other.join();
        return rt.call(c, PING, T);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 2)
    public Object supervisorRestart() {
        ProcessRef old = rt.whereis("victim").orElseThrow();
        try { rt.call(old, CRASH, T); } catch (RuntimeException expected) { }
        for (;;) { // event-driven restart: the new child registers the name in its init
            ProcessRef now = rt.whereis("victim").orElse(null);
            if (now != null && !now.equals(old)) {
                try { return rt.call(now, PING, T); } catch (RuntimeException raced) { }
            }
            Thread.onSpinWait();
        }
    }
}
