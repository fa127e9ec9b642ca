package io.ado.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.runtime.ExitReason;
import io.ado.runtime.ProcessRef;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    private static final ExitReason CRASH = ExitReason.custom("boom");

    private static ChildSpec child(String id, RestartType type) {
        return new ChildSpec(id, (rt, a) -> new ProcessRef("n", 1), type, Duration.ofSeconds(1), false, false, null);
    }

    private static final List<ChildSpec> ABC = List.of(
            child("a", RestartType.PERMANENT), child("b", RestartType.PERMANENT), child("c", RestartType.PERMANENT));

    private static RestartPolicy.Snapshot snap(Strategy s, List<ChildSpec> children, RestartHistory h, AutoShutdown auto) {
        Set<String> running = new HashSet<>();
        children.forEach(c -> running.add(c.id()));
        return new RestartPolicy.Snapshot(s, new RestartIntensity(3, 1_000), auto, children, running, h);
    }

    private static RestartDecision decide(Strategy s, String id) {
        return RestartPolicy.decide(snap(s, ABC, RestartHistory.EMPTY, AutoShutdown.NEVER), id, CRASH, 10_000);
    }

    @Test void oneForOneRestartsOnlyTheChild() {
        var d = (RestartDecision.Restart) decide(Strategy.ONE_FOR_ONE, "b");
        assertThat(d.stop()).isEmpty();
        assertThat(d.start()).containsExactly("b");
        assertThat(d.history().timestampsMs()).containsExactly(10_000L);
    }

    @Test void oneForAllStopsTheOthersInReverseAndStartsAllInOrder() {
        var d = (RestartDecision.Restart) decide(Strategy.ONE_FOR_ALL, "b");
        assertThat(d.stop()).containsExactly("c", "a");
        assertThat(d.start()).containsExactly("a", "b", "c");
    }

    @Test void restForOneRestartsTheChildAndThoseAfterIt() {
        var d = (RestartDecision.Restart) decide(Strategy.REST_FOR_ONE, "b");
        assertThat(d.stop()).containsExactly("c");
        assertThat(d.start()).containsExactly("b", "c");
        var first = (RestartDecision.Restart) decide(Strategy.REST_FOR_ONE, "a");
        assertThat(first.stop()).containsExactly("c", "b");
        assertThat(first.start()).containsExactly("a", "b", "c");
    }

    @Test void restartTypesDecideWhetherTheChildComesBack() {
        List<ChildSpec> kids = List.of(child("p", RestartType.PERMANENT), child("t", RestartType.TRANSIENT), child("x", RestartType.TEMPORARY));
        var s = snap(Strategy.ONE_FOR_ONE, kids, RestartHistory.EMPTY, AutoShutdown.NEVER);
        assertThat(RestartPolicy.decide(s, "p", ExitReason.NORMAL, 0)).isInstanceOf(RestartDecision.Restart.class);
        assertThat(RestartPolicy.decide(s, "t", ExitReason.NORMAL, 0)).isEqualTo(new RestartDecision.Remove("t", true));
        assertThat(RestartPolicy.decide(s, "t", ExitReason.SHUTDOWN, 0)).isEqualTo(new RestartDecision.Remove("t", true));
        assertThat(RestartPolicy.decide(s, "t", CRASH, 0)).isInstanceOf(RestartDecision.Restart.class);
        assertThat(RestartPolicy.decide(s, "x", CRASH, 0)).isEqualTo(new RestartDecision.Remove("x", false));
        assertThat(RestartPolicy.decide(s, "unknown", CRASH, 0)).isInstanceOf(RestartDecision.Ignore.class);
    }

    @Test void temporarySiblingsStoppedByOneForAllAreForgotten() {
        List<ChildSpec> kids = List.of(child("a", RestartType.PERMANENT), child("tmp", RestartType.TEMPORARY), child("c", RestartType.TRANSIENT));
        var d = (RestartDecision.Restart) RestartPolicy.decide(
                snap(Strategy.ONE_FOR_ALL, kids, RestartHistory.EMPTY, AutoShutdown.NEVER), "a", CRASH, 0);
        assertThat(d.stop()).containsExactly("c", "tmp");
        assertThat(d.forget()).containsExactly("tmp");
        assertThat(d.start()).containsExactly("a", "c");
    }

    @Test void intensityCountsRestartsInsideTheWindowOnly() {
        // maxRestarts 3 within 1000 ms
        var h = new RestartHistory(List.of(100L, 400L, 900L));
        var exceeded = RestartPolicy.decide(snap(Strategy.ONE_FOR_ONE, ABC, h, AutoShutdown.NEVER), "a", CRASH, 1_000);
        assertThat(exceeded).isInstanceOf(RestartDecision.Shutdown.class);
        assertThat(((RestartDecision.Shutdown) exceeded).reason()).isNull(); // caller turns it into MaxRestartsExceededError
        var allowed = RestartPolicy.decide(snap(Strategy.ONE_FOR_ONE, ABC, h, AutoShutdown.NEVER), "a", CRASH, 1_100);
        assertThat(((RestartDecision.Restart) allowed).history().timestampsMs()).containsExactly(400L, 900L, 1_100L);
    }

    @Test void zeroMaxRestartsGivesUpOnTheFirstCrash() {
        var s = new RestartPolicy.Snapshot(Strategy.ONE_FOR_ONE, new RestartIntensity(0, 1_000), AutoShutdown.NEVER,
                ABC, Set.of("a", "b", "c"), RestartHistory.EMPTY);
        assertThat(RestartPolicy.decide(s, "a", CRASH, 0)).isInstanceOf(RestartDecision.Shutdown.class);
    }

    @Test void autoShutdownAnyAndAllSignificant() {
        ChildSpec s1 = child("s1", RestartType.TRANSIENT).withSignificant(true);
        ChildSpec s2 = child("s2", RestartType.TEMPORARY).withSignificant(true);
        ChildSpec plain = child("plain", RestartType.TRANSIENT);
        List<ChildSpec> kids = List.of(s1, s2, plain);
        var any = snap(Strategy.ONE_FOR_ONE, kids, RestartHistory.EMPTY, AutoShutdown.ANY_SIGNIFICANT);
        assertThat(RestartPolicy.decide(any, "s1", ExitReason.NORMAL, 0)).isEqualTo(new RestartDecision.Shutdown(ExitReason.SHUTDOWN, true));
        assertThat(RestartPolicy.decide(any, "plain", ExitReason.NORMAL, 0)).isEqualTo(new RestartDecision.Remove("plain", true));
        assertThat(RestartPolicy.decide(any, "s1", CRASH, 0)).isInstanceOf(RestartDecision.Restart.class); // restarted, not ended

        var all = snap(Strategy.ONE_FOR_ONE, kids, RestartHistory.EMPTY, AutoShutdown.ALL_SIGNIFICANT);
        assertThat(RestartPolicy.decide(all, "s1", ExitReason.NORMAL, 0)).isEqualTo(new RestartDecision.Remove("s1", true));
        var lastOne = new RestartPolicy.Snapshot(Strategy.ONE_FOR_ONE, RestartIntensity.DEFAULT, AutoShutdown.ALL_SIGNIFICANT,
                kids, Set.of("s2", "plain"), RestartHistory.EMPTY);
        assertThat(RestartPolicy.decide(lastOne, "s2", CRASH, 0)).isEqualTo(new RestartDecision.Shutdown(ExitReason.SHUTDOWN, false));
        var never = snap(Strategy.ONE_FOR_ONE, kids, RestartHistory.EMPTY, AutoShutdown.NEVER);
        assertThat(RestartPolicy.decide(never, "s2", CRASH, 0)).isEqualTo(new RestartDecision.Remove("s2", false));
    }
}
