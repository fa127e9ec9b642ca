package io.ado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ado.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimersTest {
    private final ManualClock clock = new ManualClock();
    private final ProcessRuntime rt = ProcessRuntime.create("timers@test", clock, clock.scheduler());

    @AfterEach
    void close() { rt.close(); }

    /** Records every info message it gets; on "arm" it starts a timer to itself, as periodic work does. */
    static final class Recorder implements Behavior<List<Object>> {
        final List<Object> seen = new CopyOnWriteArrayList<>();

        @Override public List<Object> init(Object args) { return seen; }

        @Override public Result<List<Object>> handleInfo(Object msg, List<Object> s) {
            s.add(msg + "@" + ProcessContext.current().runtime().clock().millis());
            if (msg.equals("tick")) ProcessContext.current().sendAfter("tick", Duration.ofSeconds(10));
            return Result.noReply(s);
        }
    }

    @Test
    void sendAfterDeliversToHandleInfoOnlyWhenTheClockReachesTheDelay() {
        Recorder r = new Recorder();
        ProcessRef p = rt.start(r, null);
        long t0 = clock.millis();
        rt.sendAfter(p, "hello", Duration.ofSeconds(5));

        clock.advance(Duration.ofMillis(4_999));
        assertThat(rt.mailboxSize(p)).isZero();
        assertThat(r.seen).isEmpty();
        clock.advance(Duration.ofMillis(1));
        await().until(() -> r.seen.size() == 1);
        assertThat(r.seen).containsExactly("hello@" + (t0 + 5_000));
    }

    @Test
    void aCancelledTimerDeliversNothingAndCancelSaysWhetherItWasInTime() {
        Recorder r = new Recorder();
        ProcessRef p = rt.start(r, null);
        TimerRef t = rt.sendAfter(p, "never", Duration.ofSeconds(1));
        assertThat(rt.cancelTimer(t)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(rt.mailboxSize(p)).isZero();
        assertThat(r.seen).isEmpty();
        assertThat(rt.cancelTimer(t)).isFalse();
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void periodicWorkReArmsItselfFromInsideTheProcess() {
        Recorder r = new Recorder();
        ProcessRef p = rt.start(r, null);
        rt.send(p, "tick");
        await().until(() -> r.seen.size() == 1);
        for (int i = 1; i <= 3; i++) {
            int n = i + 1;
            await().until(() -> clock.pendingTimers() == 1); // the process has re-armed before time moves
            clock.advance(Duration.ofSeconds(10));
            await().until(() -> r.seen.size() == n);
        }
        assertThat(r.seen).hasSize(4);
    }

    @Test
    void sendIntervalFiresEveryPeriodUntilCancelled() {
        Recorder r = new Recorder();
        ProcessRef p = rt.start(r, null);
        TimerRef t = rt.sendInterval(p, "beat", Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(7));
        await().until(() -> r.seen.size() == 3);
        assertThat(rt.cancelTimer(t)).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(rt.mailboxSize(p)).isZero();
        assertThat(r.seen).hasSize(3);
    }

    @Test
    void aTimerToADeadProcessIsDroppedAndBadDelaysAreRefused() {
        ProcessRef p = rt.start(new Recorder(), null);
        rt.sendAfter(p, "late", Duration.ofSeconds(1));
        rt.kill(p);
        rt.awaitExit(p, Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(1)); // must not throw
        assertThat(rt.isAlive(p)).isFalse();
        assertThatThrownBy(() -> rt.sendAfter(p, "x", Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rt.sendInterval(p, "x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAnInjectedSchedulerTimersRunOnTheRuntimesOwnThread() {
        try (ProcessRuntime real = ProcessRuntime.create("real@test")) {
            Recorder r = new Recorder();
            ProcessRef p = real.start(r, null);
            real.sendAfter(p, "soon", Duration.ofMillis(20));
            await().atMost(Duration.ofSeconds(5)).until(() -> r.seen.size() == 1);
            assertThat((String) r.seen.get(0)).startsWith("soon@");
        }
    }
}
