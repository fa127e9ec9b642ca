package io.ado.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.runtime.ExitReason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shared restart loop over scripted children: no processes, the clock a counter. */
class RestartLoopTest {
    private static final ExitReason CRASH = ExitReason.custom("boom");

    /** Children that record what the loop does to them; a child id in {@code failing} cannot start. */
    static final class Script implements RestartLoop.Children {
        final List<SupervisedChild> children = new ArrayList<>();
        final Set<String> running = new LinkedHashSet<>();
        final Set<String> failing = new LinkedHashSet<>();
        final List<String> log = new ArrayList<>();

        Script child(String id, RestartType type) {
            children.add(SupervisedChild.of(id, type, false));
            running.add(id);
            return this;
        }

        Script exited(String id) {
            running.remove(id);
            return this;
        }

        @Override public List<SupervisedChild> inStartOrder() { return children; }
        @Override public Set<String> running() { return running; }

        @Override public void stop(String id) {
            log.add("stop " + id);
            running.remove(id);
        }

        @Override public void forget(String id) {
            log.add("forget " + id);
            children.removeIf(c -> c.id().equals(id));
        }

        @Override public void restart(String id) {
            log.add("start " + id);
            if (failing.contains(id)) throw new IllegalStateException(id + " cannot start");
            running.add(id);
        }
    }

    private final AtomicLong now = new AtomicLong(10_000);
    private final AtomicLong clockReads = new AtomicLong();

    private RestartLoop loop(Strategy strategy, int maxRestarts) {
        return new RestartLoop(strategy, new RestartIntensity(maxRestarts, 1_000), AutoShutdown.NEVER, () -> {
            clockReads.incrementAndGet();
            return now.get();
        });
    }

    @Test void oneForAllStopsSiblingsInReverseForgetsTheTemporaryOnesAndStartsInOrder() {
        Script kids = new Script().child("a", RestartType.PERMANENT).child("tmp", RestartType.TEMPORARY)
                .child("c", RestartType.TRANSIENT).exited("a");
        RestartLoop loop = loop(Strategy.ONE_FOR_ALL, 3);

        assertThat(loop.onExit("a", CRASH, kids)).isEqualTo(new RestartLoop.Outcome.Continue());
        assertThat(kids.log).containsExactly("stop c", "stop tmp", "forget tmp", "start a", "start c");
        assertThat(loop.history().timestampsMs()).containsExactly(10_000L);
        assertThat(clockReads).hasValue(1); // read once for the one decision
    }

    @Test void aChildThatCannotRestartCountsAsAnotherExitUntilTheIntensityIsUsedUp() {
        Script kids = new Script().child("a", RestartType.PERMANENT).exited("a");
        kids.failing.add("a");
        RestartLoop loop = loop(Strategy.ONE_FOR_ONE, 2);

        assertThat(loop.onExit("a", CRASH, kids)).isEqualTo(new RestartLoop.Outcome.MaxRestartsExceeded(new RestartIntensity(2, 1_000)));
        assertThat(kids.log).containsExactly("start a", "start a"); // two restarts allowed, the third exit gives up
        assertThat(clockReads).hasValue(3);
    }

    @Test void theHistoryCarriesOverBetweenExitsAndForgetsRestartsOutsideTheWindow() {
        Script kids = new Script().child("a", RestartType.PERMANENT);
        RestartLoop loop = loop(Strategy.ONE_FOR_ONE, 1);
        assertThat(loop.onExit("a", CRASH, kids.exited("a"))).isInstanceOf(RestartLoop.Outcome.Continue.class);
        now.addAndGet(1_000); // the first restart has left the window
        assertThat(loop.onExit("a", CRASH, kids.exited("a"))).isInstanceOf(RestartLoop.Outcome.Continue.class);
        now.addAndGet(999);
        assertThat(loop.onExit("a", CRASH, kids.exited("a"))).isInstanceOf(RestartLoop.Outcome.MaxRestartsExceeded.class);
    }

    @Test void aTemporaryChildIsForgottenAndATransientOneThatEndedNormallyIsKept() {
        Script kids = new Script().child("t", RestartType.TEMPORARY).child("tr", RestartType.TRANSIENT);
        RestartLoop loop = loop(Strategy.ONE_FOR_ONE, 3);
        loop.onExit("t", CRASH, kids.exited("t"));
        loop.onExit("tr", ExitReason.NORMAL, kids.exited("tr"));
        assertThat(kids.log).containsExactly("forget t");
        assertThat(loop.history().size()).isZero();
    }

    @Test void aSignificantChildEndsTheSupervisorWithAutoShutdown() {
        Script kids = new Script();
        kids.children.add(SupervisedChild.of("s", RestartType.TRANSIENT, true));
        RestartLoop loop = new RestartLoop(Strategy.ONE_FOR_ONE, RestartIntensity.DEFAULT, AutoShutdown.ANY_SIGNIFICANT, now::get);
        assertThat(loop.onExit("s", ExitReason.NORMAL, kids)).isEqualTo(new RestartLoop.Outcome.Stop(ExitReason.SHUTDOWN));
        assertThat(kids.log).isEmpty(); // its spec stays, as OTP keeps a transient child's
    }
}
