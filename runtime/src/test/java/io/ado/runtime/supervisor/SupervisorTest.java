package io.ado.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ado.runtime.Behavior;
import io.ado.runtime.BehaviorRegistry;
import io.ado.runtime.ExitReason;
import io.ado.runtime.InitFailedException;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.TestBehaviors.Cell;
import io.ado.runtime.TestBehaviors.Crash;
import io.ado.runtime.TestBehaviors.Get;
import io.ado.runtime.TestBehaviors.StopWith;
import io.ado.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {
    private static final Duration T = Duration.ofSeconds(5);
    private final ManualClock clock = new ManualClock();
    private final ProcessRuntime rt = ProcessRuntime.create("sup@local", clock);
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach void close() { rt.close(); }

    private ChildSpec cell(String id) { return ChildSpec.worker(id, () -> new Cell(id, journal), id); }

    private Supervisor start(Strategy s, String... ids) {
        var b = SupervisorSpec.builder(s).listener(events::add).intensity(10, 60_000);
        for (String id : ids) b.child(cell(id));
        return Supervisor.start(rt, b.build());
    }

    private ProcessRef refOf(Supervisor sup, String id) {
        return sup.whichChildren().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().ref();
    }

    private List<String> restartedIds() {
        return events.stream().filter(e -> e instanceof SupervisorEvent.ChildRestarted)
                .map(e -> ((SupervisorEvent.ChildRestarted) e).childId()).toList();
    }

    /** Crashes {@code victim} and returns the journal entries written from the crash on. */
    private List<String> crashAndAwait(Supervisor sup, String victim, int expectedRestarts) {
        int mark = journal.size();
        rt.cast(refOf(sup, victim), new Crash("test crash"));
        await().until(() -> restartedIds().size() == expectedRestarts);
        return journal.subList(mark, journal.size());
    }

    @Test void startsChildrenInOrderAndStopsThemInReverse() {
        Supervisor sup = start(Strategy.ONE_FOR_ONE, "a", "b", "c");
        assertThat(journal).containsExactly("init:a", "init:b", "init:c");
        journal.clear();
        sup.stop();
        assertThat(journal).containsExactly("terminate:c:shutdown", "terminate:b:shutdown", "terminate:a:shutdown");
        assertThat(sup.isAlive()).isFalse();
        assertThat(events).last().isEqualTo(new SupervisorEvent.SupervisorStopped(sup.ref(), ExitReason.SHUTDOWN));
    }

    @Test void oneForOneRestartsOnlyTheCrashedChild() {
        Supervisor sup = start(Strategy.ONE_FOR_ONE, "a", "b", "c");
        ProcessRef a = refOf(sup, "a"), b = refOf(sup, "b"), c = refOf(sup, "c");
        List<String> after = crashAndAwait(sup, "b", 1);
        assertThat(after).containsExactly("terminate:b:crash(java.lang.IllegalStateException: test crash)", "init:b");
        assertThat(restartedIds()).containsExactly("b");
        assertThat(refOf(sup, "a")).isEqualTo(a);
        assertThat(refOf(sup, "c")).isEqualTo(c);
        assertThat(refOf(sup, "b")).isNotEqualTo(b);
        assertThat(rt.call(refOf(sup, "b"), new Get(), T)).isEqualTo("b");
    }

    @Test void oneForAllRestartsEveryChildInOrder() {
        Supervisor sup = start(Strategy.ONE_FOR_ALL, "a", "b", "c");
        List<String> after = crashAndAwait(sup, "b", 3);
        assertThat(after).containsExactly("terminate:b:crash(java.lang.IllegalStateException: test crash)",
                "terminate:c:shutdown", "terminate:a:shutdown", "init:a", "init:b", "init:c");
        assertThat(restartedIds()).containsExactly("a", "b", "c");
    }

    @Test void restForOneRestartsTheChildAndThoseStartedAfterIt() {
        Supervisor sup = start(Strategy.REST_FOR_ONE, "a", "b", "c");
        ProcessRef a = refOf(sup, "a");
        List<String> after = crashAndAwait(sup, "b", 2);
        assertThat(after).containsExactly("terminate:b:crash(java.lang.IllegalStateException: test crash)",
                "terminate:c:shutdown", "init:b", "init:c");
        assertThat(restartedIds()).containsExactly("b", "c");
        assertThat(refOf(sup, "a")).isEqualTo(a);
    }

    @Test void simpleOneForOneStartsFromTheTemplateAndRestartsWithTheSameArgs() {
        Supervisor sup = Supervisor.start(rt, SupervisorSpec.builder(Strategy.SIMPLE_ONE_FOR_ONE)
                .childTemplate(ChildSpec.worker("job", () -> new Cell("job", journal), null).withRestart(RestartType.TRANSIENT))
                .listener(events::add).build());
        ProcessRef j1 = sup.startChild((Object) "one");
        ProcessRef j2 = sup.startChild((Object) "two");
        assertThat(rt.call(j2, new Get(), T)).isEqualTo("two");
        rt.cast(j1, new Crash("x"));
        await().until(() -> restartedIds().size() == 1);
        ProcessRef j1b = refOf(sup, "job-1");
        assertThat(j1b).isNotEqualTo(j1);
        assertThat(rt.call(j1b, new Get(), T)).isEqualTo("one");
        assertThat(refOf(sup, "job-2")).isEqualTo(j2);
        // a transient child that ends normally is gone for good
        rt.call(j2, new StopWith(ExitReason.NORMAL), T);
        await().until(() -> sup.countChildren().active() == 1);
        sup.terminateChild(j1b);
        assertThat(sup.whichChildren()).isEmpty();
        assertThatThrownBy(() -> sup.startChild(cell("static"))).hasMessageContaining("use startChild(args)");
    }

    @Test void temporaryChildIsNotRestartedAndTransientOnlyAfterACrash() {
        Supervisor sup = Supervisor.start(rt, SupervisorSpec.builder(Strategy.ONE_FOR_ONE).listener(events::add)
                .child(cell("tmp").withRestart(RestartType.TEMPORARY))
                .child(cell("tr").withRestart(RestartType.TRANSIENT)).build());
        rt.cast(refOf(sup, "tmp"), new Crash("x"));
        await().until(() -> sup.whichChildren().stream().noneMatch(c -> c.id().equals("tmp")));
        rt.cast(refOf(sup, "tr"), new Crash("x"));
        await().until(() -> restartedIds().equals(List.of("tr")));
        rt.call(refOf(sup, "tr"), new StopWith(ExitReason.NORMAL), T);
        await().until(() -> !sup.whichChildren().getFirst().running());
        assertThat(sup.whichChildren()).extracting(ChildInfo::id).containsExactly("tr"); // spec kept
        assertThat(restartedIds()).containsExactly("tr");
    }

    @Test void exceedingTheIntensityStopsTheSupervisorWithMaxRestartsExceeded() {
        Supervisor sup = Supervisor.start(rt, SupervisorSpec.builder(Strategy.ONE_FOR_ONE).listener(events::add)
                .intensity(1, 1_000).child(cell("a")).child(cell("b")).build());
        rt.cast(refOf(sup, "a"), new Crash("1"));
        await().until(() -> restartedIds().size() == 1);
        clock.advance(Duration.ofMillis(1_500)); // the first restart leaves the window
        rt.cast(refOf(sup, "a"), new Crash("2"));
        await().until(() -> restartedIds().size() == 2);
        ProcessRef b = refOf(sup, "b");
        rt.cast(refOf(sup, "a"), new Crash("3"));
        assertThat(rt.awaitExit(sup.ref(), T)).isTrue();
        assertThat(rt.isAlive(b)).isFalse(); // children are shut down with it
        var stopped = (SupervisorEvent.SupervisorStopped) events.getLast();
        assertThat(stopped.reason()).isInstanceOfSatisfying(ExitReason.Crash.class,
                c -> assertThat(c.errorClass()).isEqualTo(MaxRestartsExceededError.class.getName()));
    }

    @Test void autoShutdownAnySignificant() {
        Supervisor sup = Supervisor.start(rt, SupervisorSpec.builder(Strategy.ONE_FOR_ONE).autoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .child(cell("critical").withRestart(RestartType.TRANSIENT).withSignificant(true)).child(cell("helper")).build());
        ProcessRef helper = refOf(sup, "helper");
        rt.call(refOf(sup, "critical"), new StopWith(ExitReason.NORMAL), T);
        assertThat(rt.awaitExit(sup.ref(), T)).isTrue();
        assertThat(rt.isAlive(helper)).isFalse();
    }

    @Test void autoShutdownAllSignificantWaitsForTheLast() {
        Supervisor sup = Supervisor.start(rt, SupervisorSpec.builder(Strategy.ONE_FOR_ONE).autoShutdown(AutoShutdown.ALL_SIGNIFICANT)
                .child(cell("w1").withRestart(RestartType.TRANSIENT).withSignificant(true))
                .child(cell("w2").withRestart(RestartType.TRANSIENT).withSignificant(true))
                .child(cell("logger")).build());
        rt.call(refOf(sup, "w1"), new StopWith(ExitReason.NORMAL), T);
        await().until(() -> sup.countChildren().active() == 2);
        assertThat(sup.isAlive()).isTrue();
        rt.call(refOf(sup, "w2"), new StopWith(ExitReason.NORMAL), T);
        assertThat(rt.awaitExit(sup.ref(), T)).isTrue();
    }

    @Test void neverAutoShutdownKeepsRunningWithNoChildren() {
        Supervisor sup = Supervisor.start(rt, SupervisorSpec.builder(Strategy.ONE_FOR_ONE)
                .child(cell("only").withRestart(RestartType.TEMPORARY)).build());
        rt.call(refOf(sup, "only"), new StopWith(ExitReason.NORMAL), T);
        await().until(() -> sup.whichChildren().isEmpty());
        assertThat(sup.isAlive()).isTrue();
    }

    @Test void dynamicChildManagement() {
        Supervisor sup = start(Strategy.ONE_FOR_ONE, "a");
        ProcessRef x = sup.startChild(cell("x"));
        assertThat(rt.call(x, new Get(), T)).isEqualTo("x");
        assertThatThrownBy(() -> sup.startChild(cell("x"))).hasMessageContaining("'x' already exists");
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(2, 2, 0, 2));
        sup.terminateChild("x");
        assertThat(rt.isAlive(x)).isFalse();
        assertThat(sup.whichChildren()).extracting(ChildInfo::id, ChildInfo::running)
                .containsExactly(Tuple.tuple("a", true), Tuple.tuple("x", false));
        assertThatThrownBy(() -> sup.restartChild("a")).hasMessageContaining("is running");
        assertThatThrownBy(() -> sup.deleteChild("a")).hasMessageContaining("terminate it first");
        ProcessRef x2 = sup.restartChild("x");
        assertThat(x2).isNotEqualTo(x);
        sup.terminateChild("x");
        sup.deleteChild("x");
        assertThat(sup.whichChildren()).extracting(ChildInfo::id).containsExactly("a");
        assertThatThrownBy(() -> sup.terminateChild("nope")).hasMessageContaining("no child 'nope'");
        assertThat(sup.isAlive()).isTrue(); // bad requests never crash the supervisor
    }

    @Test void childThatIgnoresShutdownIsKilledAfterItsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        Behavior<Object> stubborn = new Behavior<>() {
            @Override public Object init(Object args) { return null; }
            @Override public void terminate(ExitReason reason, Object state) {
                try { never.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            }
        };
        Supervisor sup = Supervisor.start(rt, SupervisorSpec.builder(Strategy.ONE_FOR_ONE)
                .child(ChildSpec.worker("stubborn", () -> stubborn, null).withShutdownTimeout(Duration.ofMillis(100))).build());
        ProcessRef ref = refOf(sup, "stubborn");
        sup.terminateChild("stubborn");
        assertThat(rt.isAlive(ref)).isFalse();
        assertThat(never.getCount()).isEqualTo(1); // terminate never finished: it was killed
    }

    @Test void eventsAndStats() {
        Supervisor sup = start(Strategy.ONE_FOR_ONE, "a");
        ProcessRef a = refOf(sup, "a");
        assertThat(events).containsExactly(new SupervisorEvent.ChildStarted(sup.ref(), "a", a),
                new SupervisorEvent.SupervisorStarted(sup.ref()));
        crashAndAwait(sup, "a", 1);
        crashAndAwait(sup, "a", 2);
        assertThat(events).filteredOn(e -> e instanceof SupervisorEvent.ChildRestarted)
                .extracting(e -> ((SupervisorEvent.ChildRestarted) e).attempt()).containsExactly(1, 2);
        assertThat(events).filteredOn(e -> e instanceof SupervisorEvent.ChildStopped).hasSize(2)
                .allSatisfy(e -> assertThat(((SupervisorEvent.ChildStopped) e).reason()).isInstanceOf(ExitReason.Crash.class));
        clock.advance(Duration.ofSeconds(7));
        SupervisorStats st = sup.stats();
        assertThat(st.childCount()).isEqualTo(1);
        assertThat(st.totalRestarts()).isEqualTo(2);
        assertThat(st.uptimeMs()).isEqualTo(7_000);
        assertThat(st.strategy()).isEqualTo(Strategy.ONE_FOR_ONE);
    }

    @Test void globalSubscribersSeeEveryEventAndAThrowingListenerIsHarmless() throws Exception {
        List<String> types = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = Supervisor.onLifecycleEvent(e -> types.add(e.type()));
             AutoCloseable bad = Supervisor.onLifecycleEvent(e -> { throw new RuntimeException("listener bug"); })) {
            Supervisor sup = start(Strategy.ONE_FOR_ONE, "a");
            sup.stop();
        }
        assertThat(types).containsSubsequence("child_started", "supervisor_started", "child_stopped", "supervisor_stopped");
    }

    @Test void aChildFailingToStartFailsTheSupervisorStartAndStopsTheOthers() {
        var spec = SupervisorSpec.builder(Strategy.ONE_FOR_ONE).child(cell("a"))
                .child(ChildSpec.worker("bad", () -> new Cell("bad", journal), new Crash("no init"))).build();
        int before = rt.processCount();
        assertThatThrownBy(() -> Supervisor.start(rt, spec)).isInstanceOf(InitFailedException.class)
                .hasMessageContaining("could not start child 'bad'");
        assertThat(journal).contains("terminate:a:shutdown");
        await().until(() -> rt.processCount() == before);
    }

    @Test void nestedSupervisorIsolatesItsChildren() {
        var inner = SupervisorSpec.builder(Strategy.ONE_FOR_ONE).child(cell("inner-1")).listener(events::add).build();
        Supervisor outer = Supervisor.start(rt, SupervisorSpec.builder(Strategy.ONE_FOR_ALL)
                .child(cell("outer-1")).child(ChildSpec.supervisor("inner", inner)).build());
        ProcessRef outer1 = refOf(outer, "outer-1");
        Supervisor innerSup = Supervisor.of(rt, refOf(outer, "inner"));
        rt.cast(refOf(innerSup, "inner-1"), new Crash("inner crash"));
        await().until(() -> restartedIds().contains("inner-1"));
        assertThat(refOf(outer, "outer-1")).isEqualTo(outer1); // the outer one_for_all did not fire
        assertThat(outer.countChildren()).isEqualTo(new ChildCounts(2, 2, 1, 1));
        outer.stop();
        assertThat(innerSup.isAlive()).isFalse();
    }

    @Test void namedSupervisorAndRegistryChildren() {
        var registry = new BehaviorRegistry();
        registry.register("cell", Cell::new);
        Supervisor sup = Supervisor.start(rt, SupervisorSpec.builder(Strategy.ONE_FOR_ONE).name("root")
                .child(ChildSpec.named("c", registry, "cell", "from-registry")).build());
        assertThat(rt.whereis("root")).contains(sup.ref());
        assertThat(rt.call(refOf(sup, "c"), new Get(), T)).isEqualTo("from-registry");
        assertThatThrownBy(() -> sup.startChild(ChildSpec.named("d", registry, "missing", null)))
                .hasMessageContaining("'missing' is not registered");
    }
}
