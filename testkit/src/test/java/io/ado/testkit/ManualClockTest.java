package io.ado.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private final ManualClock clock = new ManualClock(1_000);
    private final List<String> fired = new ArrayList<>();

    @Test
    void timersFireOnlyWhenTimeReachesThemInDueOrderAtTheirOwnTime() {
        clock.scheduler().schedule(() -> fired.add("b@" + clock.millis()), 200, TimeUnit.MILLISECONDS);
        clock.scheduler().schedule(() -> fired.add("a@" + clock.millis()), 100, TimeUnit.MILLISECONDS);
        clock.scheduler().schedule(() -> fired.add("c@" + clock.millis()), 300, TimeUnit.MILLISECONDS);

        clock.advance(Duration.ofMillis(99));
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofMillis(150));
        assertThat(fired).containsExactly("a@1100", "b@1200");
        assertThat(clock.millis()).isEqualTo(1_249);
        assertThat(clock.pendingTimers()).isEqualTo(1);
    }

    @Test
    void aPeriodicTimerFiresOncePerPeriodUntilCancelled() {
        ScheduledFuture<?> f = clock.scheduler().scheduleAtFixedRate(() -> fired.add("t@" + clock.millis()), 10, 10, TimeUnit.MILLISECONDS);
        clock.advance(Duration.ofMillis(35));
        assertThat(fired).containsExactly("t@1010", "t@1020", "t@1030");
        assertThat(f.cancel(false)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(fired).hasSize(3);
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void aTimerScheduledByATimerFiresInTheSameAdvanceWhenDue() {
        clock.scheduler().schedule(() -> {
            fired.add("first@" + clock.millis());
            clock.scheduler().schedule(() -> fired.add("second@" + clock.millis()), 5, TimeUnit.MILLISECONDS);
        }, 5, TimeUnit.MILLISECONDS);
        clock.advance(Duration.ofMillis(20));
        assertThat(fired).containsExactly("first@1005", "second@1010");
    }

    @Test
    void equalDueTimesRunInSchedulingOrderAndExecuteRunsOnTheNextAdvance() {
        clock.scheduler().execute(() -> fired.add("x"));
        clock.scheduler().schedule(() -> fired.add("y"), 0, TimeUnit.MILLISECONDS);
        assertThat(fired).isEmpty();
        clock.advance(Duration.ZERO);
        assertThat(fired).containsExactly("x", "y");
    }

    @Test
    void aCancelledTimerNeverRunsAndAShutDownSchedulerRefusesWork() {
        ScheduledFuture<?> f = clock.scheduler().schedule(() -> fired.add("no"), 1, TimeUnit.SECONDS);
        assertThat(f.cancel(false)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(fired).isEmpty();
        assertThat(f.isCancelled()).isTrue();
        clock.scheduler().shutdown();
        assertThatThrownBy(() -> clock.scheduler().schedule(() -> {}, 1, TimeUnit.SECONDS)).hasMessageContaining("shut down");
    }

    @Test
    void timeDoesNotGoBackThroughAdvanceButSetMayStepIt() {
        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        clock.set(Instant.ofEpochMilli(500));
        assertThat(clock.millis()).isEqualTo(500);
        assertThat(clock.scheduler().schedule(() -> 7, 1, TimeUnit.MILLISECONDS).getDelay(TimeUnit.MILLISECONDS)).isEqualTo(1);
    }

}
