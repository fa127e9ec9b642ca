package io.ado.cluster.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.ClusterNode;
import io.ado.cluster.NodeId;
import io.ado.runtime.Behavior;
import io.ado.runtime.Down;
import io.ado.runtime.ExitReason;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.Result;
import io.ado.runtime.supervisor.AutoShutdown;
import io.ado.runtime.supervisor.RestartType;
import io.ado.runtime.supervisor.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DistributedSupervisorIT {
    private static final Duration T = Duration.ofSeconds(5);
    private final List<DistributedSupervisorEvent> events = new CopyOnWriteArrayList<>();
    private Nodes nodes;

    @AfterEach void close() { if (nodes != null) nodes.close(); }

    private DistributedSupervisorOptions.Builder options(Strategy strategy, String... childIds) {
        var b = DistributedSupervisorOptions.builder().strategy(strategy).nodeSelector(NodeSelector.ROUND_ROBIN)
                .restartIntensity(10, 60_000).listener(events::add).registry(nodes.registries.get(0));
        for (String id : childIds) b.child(DistributedChildSpec.of(id, "worker"));
        return b;
    }

    private DistributedSupervisor start(DistributedSupervisorOptions.Builder b) { return DistributedSupervisor.start(nodes.get(0), b.build()); }

    private ClusterNode home() { return nodes.get(0); }

    private Worker.Info status(ProcessRef ref) { return (Worker.Info) home().call(ref, new Worker.Status(), T); }

    private DistributedChildInfo child(DistributedSupervisor sup, String id) {
        return sup.getChildren().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private <E extends DistributedSupervisorEvent> List<E> eventsOf(Class<E> type) {
        return (List<E>) events.stream().filter(type::isInstance).toList();
    }

    private List<String> restarted() { return eventsOf(DistributedSupervisorEvent.ChildRestarted.class).stream().map(e -> e.childId()).toList(); }

    @Test void roundRobinPlacesOneChildPerNodeAndEachAnswers() {
        nodes = Nodes.tcp("sup", "w1", "w2");
        DistributedSupervisor sup = start(options(Strategy.ONE_FOR_ONE, "worker-1", "worker-2", "worker-3"));
        var stats = sup.getStats();
        assertThat(stats.childCount()).isEqualTo(3);
        assertThat(stats.childrenByNode()).isEqualTo(Map.of(nodes.id(0), 1, nodes.id(1), 1, nodes.id(2), 1));
        for (DistributedChildInfo c : sup.getChildren()) {
            assertThat(status(c.ref()).node()).isEqualTo(c.node().toString());
        }
        assertThat(eventsOf(DistributedSupervisorEvent.ChildStarted.class)).extracting(e -> e.nodeId())
                .containsExactlyInAnyOrder(nodes.id(0), nodes.id(1), nodes.id(2));
        assertThat(events.getLast()).isEqualTo(new DistributedSupervisorEvent.SupervisorStarted(sup.ref()));
    }

    @Test void killingANodeMigratesItsChildToALiveNode() {
        nodes = Nodes.tcp("sup", "w1", "w2");
        DistributedSupervisor sup = start(options(Strategy.ONE_FOR_ONE, "worker-1", "worker-2", "worker-3"));
        DistributedChildInfo victim = sup.getChildren().stream().filter(c -> c.node().equals(nodes.id(2))).findFirst().orElseThrow();
        nodes.crash(2);
        await().atMost(T).until(() -> !eventsOf(DistributedSupervisorEvent.ChildMigrated.class).isEmpty());
        var failure = eventsOf(DistributedSupervisorEvent.NodeFailureDetected.class);
        assertThat(failure).singleElement().satisfies(f -> {
            assertThat(f.nodeId()).isEqualTo(nodes.id(2));
            assertThat(f.affectedChildren()).containsExactly(victim.id());
        });
        var migrated = eventsOf(DistributedSupervisorEvent.ChildMigrated.class).getFirst();
        assertThat(migrated.childId()).isEqualTo(victim.id());
        assertThat(migrated.fromNode()).isEqualTo(nodes.id(2));
        assertThat(migrated.toNode()).isIn(nodes.id(0), nodes.id(1));
        DistributedChildInfo moved = child(sup, victim.id());
        assertThat(moved.node()).isEqualTo(migrated.toNode());
        assertThat(status(moved.ref()).node()).isEqualTo(migrated.toNode().toString());
        var stats = sup.getStats();
        assertThat(stats.nodeFailureRestarts()).isEqualTo(1);
        assertThat(stats.totalRestarts()).isEqualTo(1);
        assertThat(stats.childCount()).isEqualTo(3);
        assertThat(stats.childrenByNode()).doesNotContainKey(nodes.id(2));
    }

    @Test void oneForOneRestartsOnlyTheCrashedRemoteChild() {
        nodes = Nodes.tcp("sup", "w1", "w2");
        DistributedSupervisor sup = start(options(Strategy.ONE_FOR_ONE, "a", "b", "c"));
        ProcessRef a = child(sup, "a").ref(), c = child(sup, "c").ref();
        home().cast(child(sup, "b").ref(), new Worker.Boom());
        await().atMost(T).until(() -> restarted().size() == 1);
        assertThat(restarted()).containsExactly("b");
        assertThat(child(sup, "a").ref()).isEqualTo(a);
        assertThat(child(sup, "c").ref()).isEqualTo(c);
        assertThat(status(child(sup, "b").ref()).processed()).isZero();
    }

    @Test void oneForAllRestartsEveryChildAcrossNodes() {
        nodes = Nodes.tcp("sup", "w1", "w2");
        DistributedSupervisor sup = start(options(Strategy.ONE_FOR_ALL, "a", "b", "c"));
        List<ProcessRef> before = sup.getChildren().stream().map(DistributedChildInfo::ref).toList();
        home().cast(child(sup, "b").ref(), new Worker.Boom());
        await().atMost(T).until(() -> restarted().size() == 3);
        assertThat(restarted()).containsExactly("a", "b", "c");
        for (ProcessRef old : before) {
            await().atMost(T).until(() -> sup.getChildren().stream().noneMatch(ch -> ch.ref().equals(old)));
        }
        for (DistributedChildInfo ch : sup.getChildren()) assertThat(status(ch.ref()).processed()).isZero();
    }

    @Test void restForOneRestartsTheChildAndThoseAfterIt() {
        nodes = Nodes.tcp("sup", "w1", "w2");
        DistributedSupervisor sup = start(options(Strategy.REST_FOR_ONE, "producer", "processor", "consumer"));
        ProcessRef producer = child(sup, "producer").ref();
        home().cast(child(sup, "processor").ref(), new Worker.Boom());
        await().atMost(T).until(() -> restarted().size() == 2);
        assertThat(restarted()).containsExactly("processor", "consumer");
        assertThat(child(sup, "producer").ref()).isEqualTo(producer);
    }

    @Test void exceedingTheIntensityStopsTheSupervisor() {
        nodes = Nodes.tcp("sup", "w1");
        DistributedSupervisor sup = start(options(Strategy.ONE_FOR_ONE, "a").restartIntensity(1, 60_000));
        home().cast(child(sup, "a").ref(), new Worker.Boom());
        await().atMost(T).until(() -> restarted().size() == 1);
        home().cast(child(sup, "a").ref(), new Worker.Boom());
        await().atMost(T).until(() -> !sup.isAlive());
        var stopped = eventsOf(DistributedSupervisorEvent.SupervisorStopped.class);
        assertThat(stopped).singleElement().satisfies(e -> assertThat(e.reason()).isInstanceOfSatisfying(ExitReason.Crash.class,
                c -> assertThat(c.errorClass()).isEqualTo(DistributedMaxRestartsExceededError.class.getName())));
    }

    @Test void autoShutdownAnySignificantAndAllSignificant() {
        nodes = Nodes.tcp("sup", "w1");
        DistributedSupervisor any = start(options(Strategy.ONE_FOR_ONE).autoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .child(DistributedChildSpec.of("critical", "worker").withRestart(RestartType.TRANSIENT).withSignificant(true))
                .child(DistributedChildSpec.of("helper", "worker")));
        ProcessRef helper = child(any, "helper").ref();
        home().call(child(any, "critical").ref(), new Worker.Quit(), T);
        await().atMost(T).until(() -> !any.isAlive());
        await().atMost(T).until(() -> !nodes.get(NodeId.parse(helper.node()).equals(nodes.id(0)) ? 0 : 1).runtime().isAlive(helper));

        DistributedSupervisor all = start(options(Strategy.ONE_FOR_ONE).autoShutdown(AutoShutdown.ALL_SIGNIFICANT)
                .child(DistributedChildSpec.of("w1", "worker").withRestart(RestartType.TRANSIENT).withSignificant(true))
                .child(DistributedChildSpec.of("w2", "worker").withRestart(RestartType.TRANSIENT).withSignificant(true)));
        home().call(child(all, "w1").ref(), new Worker.Quit(), T);
        await().atMost(T).until(() -> all.getStats().childCount() == 1);
        assertThat(all.isAlive()).isTrue();
        home().call(child(all, "w2").ref(), new Worker.Quit(), T);
        await().atMost(T).until(() -> !all.isAlive());
    }

    @Test void customSelectorIsHonoured() {
        nodes = Nodes.tcp("sup", "eu", "us");
        NodeSelectorFn geo = (list, childId) -> list.stream().filter(n -> n.id().name().equals(childId.split("-")[0]))
                .findFirst().orElse(list.getFirst()).id();
        DistributedSupervisor sup = start(options(Strategy.ONE_FOR_ONE, "eu-worker-1", "us-worker-1").nodeSelector(NodeSelector.custom(geo)));
        assertThat(child(sup, "eu-worker-1").node()).isEqualTo(nodes.id(1));
        assertThat(child(sup, "us-worker-1").node()).isEqualTo(nodes.id(2));
    }

    @Test void aNodeWithoutTheBehaviourRefusesItClearlyAndTheChildLandsElsewhere() {
        nodes = Nodes.tcp("sup", "w1", "bare");
        nodes.registries.get(2).unregister("worker");
        assertThatThrownBy(() -> RemoteSpawn.spawn(home(), nodes.id(2), "worker", List.of(), T))
                .isInstanceOfSatisfying(RemoteSpawnException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RemoteSpawnException.Kind.BEHAVIOR_NOT_REGISTERED);
                    assertThat(e.getMessage()).contains("'worker' is not registered on node " + nodes.id(2));
                });
        NodeId bare = nodes.id(2);
        NodeSelectorFn preferBare = (list, id) -> list.stream().anyMatch(n -> n.id().equals(bare)) ? bare : list.getFirst().id();
        DistributedSupervisor sup = start(options(Strategy.ONE_FOR_ONE, "x").nodeSelector(NodeSelector.custom(preferBare)));
        assertThat(child(sup, "x").node()).isNotEqualTo(bare);
        assertThat(status(child(sup, "x").ref()).node()).isEqualTo(child(sup, "x").node().toString());
        assertThatThrownBy(() -> sup.startChild(DistributedChildSpec.of("pinned", "worker").withNodeSelector(NodeSelector.node(bare))))
                .isInstanceOf(NoAvailableNodeException.class).hasMessageContaining("not registered");
    }

    @Test void simpleOneForOneAndDynamicManagement() {
        nodes = Nodes.tcp("sup", "w1");
        DistributedSupervisor pool = start(options(Strategy.SIMPLE_ONE_FOR_ONE)
                .childTemplate(DistributedChildSpec.of("job", "worker").withRestart(RestartType.TRANSIENT)));
        ProcessRef j1 = pool.startChild(List.of("task", 1));
        assertThat(status(j1).args()).containsExactly("task", 1);

        DistributedSupervisor sup = start(options(Strategy.ONE_FOR_ONE, "w-1"));
        ProcessRef extra = sup.startChild(DistributedChildSpec.of("w-4", "worker").withNodeSelector(NodeSelector.LEAST_LOADED));
        assertThat(status(extra)).isNotNull();
        assertThatThrownBy(() -> sup.startChild(DistributedChildSpec.of("w-4", "worker"))).hasMessageContaining("already exists");
        ProcessRef again = sup.restartChild("w-4");
        assertThat(again).isNotEqualTo(extra);
        sup.terminateChild("w-4");
        assertThat(child(sup, "w-4").ref()).isNull();
        assertThatThrownBy(() -> sup.terminateChild("nope")).hasMessageContaining("no child 'nope'");
        sup.stop();
        assertThat(sup.isAlive()).isFalse();
        assertThat(eventsOf(DistributedSupervisorEvent.SupervisorStopped.class)).extracting(e -> e.reason()).contains(ExitReason.SHUTDOWN);
    }

    /**
     * The split-brain rule: the supervisor's side wins. When the child's node is cut off, the
     * supervisor restarts the child on its side and the cut-off node kills its copy, so after
     * the heal the child runs exactly once.
     */
    @Test void aPartitionedChildIsNotLeftRunningTwiceAfterTheHeal() {
        nodes = Nodes.inMemory("sup", "b", "c");
        NodeId c = nodes.id(2);
        NodeSelectorFn preferC = (list, id) -> list.stream().anyMatch(n -> n.id().equals(c)) ? c : list.getFirst().id();
        DistributedSupervisor sup = start(options(Strategy.ONE_FOR_ONE, "only").nodeSelector(NodeSelector.custom(preferC)));
        ProcessRef original = child(sup, "only").ref();
        assertThat(NodeId.parse(original.node())).isEqualTo(c);

        nodes.network.isolate(c);
        await().atMost(T).until(() -> !eventsOf(DistributedSupervisorEvent.ChildMigrated.class).isEmpty()); // supervisor side
        await().atMost(T).until(() -> !nodes.get(2).runtime().isAlive(original));                          // c killed its copy
        ProcessRef replacement = child(sup, "only").ref();
        assertThat(NodeId.parse(replacement.node())).isNotEqualTo(c);

        nodes.network.heal();
        nodes.awaitMesh(nodes.nodes);
        assertThat(nodes.get(2).runtime().isAlive(original)).isFalse();
        assertThat(child(sup, "only").ref()).isEqualTo(replacement); // the heal does not move it back or duplicate it
        assertThat(status(replacement).node()).isEqualTo(replacement.node());
    }

    @Test void remoteMonitorDeliversNoconnectionWhenTheNodeIsLost() {
        nodes = Nodes.tcp("sup", "w1");
        ProcessRef remote = RemoteSpawn.spawn(home(), nodes.id(1), "worker", List.of(), T);
        List<Object> inbox = new CopyOnWriteArrayList<>();
        ProcessRef watcher = home().runtime().start(new Behavior<Object>() {
            @Override public Object init(Object args) { return RemoteMonitor.monitor(remote); }
            @Override public Result<Object> handleInfo(Object msg, Object mref) {
                inbox.add(msg);
                return Result.noReply(mref);
            }
        }, null);
        assertThat(status(remote).node()).isEqualTo(nodes.id(1).toString());
        nodes.crash(1);
        await().atMost(T).until(() -> !inbox.isEmpty());
        assertThat(inbox).singleElement().isInstanceOfSatisfying(Down.class, d -> {
            assertThat(d.process()).isEqualTo(remote);
            assertThat(d.reason()).isEqualTo(ExitReason.NOCONNECTION);
        });
        assertThat(home().runtime().isAlive(watcher)).isTrue();
    }
}
