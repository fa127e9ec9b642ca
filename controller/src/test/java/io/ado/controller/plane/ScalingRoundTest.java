package io.ado.controller.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.controller.balancer.BalancerSettings;
import io.ado.controller.health.HealthSettings;
import io.ado.controller.plane.ControllerEvent.ScaledDown;
import io.ado.controller.plane.ControllerEvent.ScaledUp;
import io.ado.controller.plane.ControllerEvent.WorkerSpawnFailed;
import io.ado.controller.plane.ControllerEvent.WorkerUnregistered;
import io.ado.controller.plane.Plan.PoolAction.Spawn;
import io.ado.controller.plane.Plan.PoolAction.Terminate;
import io.ado.controller.registry.RegistrySettings;
import io.ado.controller.scaling.ScalingPlan;
import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.spawner.LocalSpawnerSettings;
import io.ado.controller.spawner.SpawnedInstance;
import io.ado.controller.spawner.SpawnedInstance.Phase;
import io.ado.controller.spawner.kubernetes.KubernetesSpawnerSettings;
import io.ado.protocol.AttemptRef;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scaling round's decisions, plan by plan on a manual clock: what it spawns, counts, times out, retires and re-adopts. */
class ScalingRoundTest {
    /** min 1, max 6, queue threshold 10, scale-down after 10 s below 20 %, cooldown 5 s, spawn timeout 2 min. */
    static final ScalingSettings LOCAL = new ScalingSettings(true, 1, 6, 10, 80, 20, Duration.ofSeconds(10), Duration.ofSeconds(5), "local",
            Duration.ofMinutes(2), "test", LocalSpawnerSettings.DEFAULTS, KubernetesSpawnerSettings.DEFAULTS);
    static final HealthSettings PATIENT = new HealthSettings(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), 90, 85);

    final PlaneHarness h = new PlaneHarness(new PlaneSettings(3, RegistrySettings.DEFAULTS, PATIENT, BalancerSettings.DEFAULTS, LOCAL, SecuritySettings.DEFAULTS));

    PlaneHarness.Decision inventory(SpawnedInstance... all) { return h.feed(new ControlPlane.Inventory(List.of(all), null)); }

    SpawnedInstance running(String id, Duration age) { return new SpawnedInstance(id, Instant.ofEpochMilli(h.now - age.toMillis()), Phase.RUNNING, null); }

    /** A spawned worker that registers: the spawner says it was created, then it connects. */
    String up(Spawn s, int slots) {
        h.feed(new ControlPlane.Spawned(s.workerId(), s.decision(), null));
        h.register(new RecordingLink("c-" + s.workerId()), s.workerId(), slots);
        return s.workerId();
    }

    @Test
    void nothingIsSpawnedBeforeTheSpawnersInventoryIsKnown() {
        PlaneHarness.Decision d = h.tick();
        assertThat(d.pool()).isEmpty();
        assertThat(h.state.scaling.lastDecision().reason()).isEqualTo("below minWorkers 1, waiting for the spawner's inventory");

        List<Spawn> spawned = inventory().pool(Spawn.class);
        assertThat(spawned).hasSize(1);
        assertThat(spawned.get(0).workerId()).matches("ado-test-[a-z0-9]{6}");
        assertThat(spawned.get(0).joinToken()).startsWith("adojt_");
        assertThat(spawned.get(0).toString()).doesNotContain(spawned.get(0).joinToken());
        assertThat(h.state.scaling.pool().starting()).containsOnlyKeys(spawned.get(0).workerId());
    }

    @Test
    void aBurstSpawnsOnceBecauseStartingWorkersCount() {
        String first = up(inventory().pool(Spawn.class).get(0), 2);
        assertThat(h.state.scaling.pool().starting()).isEmpty();
        assertThat(h.state.scaling.pool().owned()).containsExactly(first);

        h.advance(Duration.ofSeconds(6)); // past the cooldown of the first spawn
        PlaneHarness.Decision burst = null;
        for (int i = 0; i < 32; i++) burst = h.feed(new ControlPlane.Submit(TaskSpec.shell("t" + i)));
        // The third submit found no idle worker with one queued: one worker at once; the later submits fall in its cooldown.
        assertThat(h.plans.stream().flatMap(p -> p.pool().stream())).hasSize(2);
        assertThat(h.state.scaling.pool().starting()).hasSize(1);
        assertThat(burst.pool()).isEmpty();

        h.advance(Duration.ofSeconds(6)); // cooldown over, queue 30: 3 wanted, 1 of them starting already -> 2 more
        assertThat(h.tick().pool(Spawn.class)).hasSize(2);
        assertThat(h.state.scaling.pool().starting()).hasSize(3);
        assertThat(h.state.scaling.lastDecision()).isEqualTo(new ScalingPlan.ScaleUp(2, "queue 30 > 10"));
        h.advance(Duration.ofSeconds(6));
        h.tick();
        assertThat(h.state.scaling.lastDecision()).isEqualTo(new ScalingPlan.None("queue 30 > 10, 3 worker(s) starting"));
    }

    @Test
    void theResultIsPublishedAsRequestedAndSpawnedOnceEveryWorkerIsAccountedFor() {
        h.feed(new ControlPlane.Scale(3));
        List<Spawn> three = inventory().pool(Spawn.class);
        assertThat(three).hasSize(3);
        assertThat(h.feed(new ControlPlane.Spawned(three.get(0).workerId(), three.get(0).decision(), null)).events(ScaledUp.class)).isEmpty();
        assertThat(h.feed(new ControlPlane.Spawned(three.get(1).workerId(), three.get(1).decision(), "quota exceeded")).events(WorkerSpawnFailed.class))
                .extracting(WorkerSpawnFailed::reason).containsExactly("quota exceeded");
        assertThat(h.feed(new ControlPlane.Spawned(three.get(2).workerId(), three.get(2).decision(), null)).events(ScaledUp.class))
                .containsExactly(new ScaledUp(3, 2, "below the desired 3 (ado admin scale)", h.now));
        assertThat(ControllerEvent.toWire(new ScaledUp(3, 2, "r", 1)).type()).isEqualTo("scaling.scale_up");
    }

    @Test
    void aWorkerThatDoesNotRegisterInTimeIsDeletedAndReportedAndTheNextSpawnBacksOff() {
        Spawn s = inventory().pool(Spawn.class).get(0);
        h.feed(new ControlPlane.Spawned(s.workerId(), s.decision(), null));
        inventory(new SpawnedInstance(s.workerId(), Instant.ofEpochMilli(h.now), Phase.STARTING, "Pending: ImagePullBackOff: Back-off pulling image"));
        h.advance(Duration.ofMinutes(2));
        PlaneHarness.Decision d = h.tick();
        assertThat(d.events(WorkerSpawnFailed.class)).extracting(WorkerSpawnFailed::reason)
                .containsExactly("did not register within 120s: Pending: ImagePullBackOff: Back-off pulling image");
        assertThat(d.pool(Terminate.class)).extracting(Terminate::workerId).containsExactly(s.workerId());
        assertThat(d.pool(Spawn.class)).isEmpty(); // backing off for a second
        assertThat(h.state.scaling.lastDecision().reason()).contains("backing off after 1 failed spawn(s)");
        h.advance(Duration.ofSeconds(1));
        assertThat(h.tick().pool(Spawn.class)).hasSize(1);
    }

    @Test
    void aWorkerTheSpawnerReportsFailedIsReplacedAtOnce() {
        Spawn s = inventory().pool(Spawn.class).get(0);
        PlaneHarness.Decision d = inventory(new SpawnedInstance(s.workerId(), Instant.ofEpochMilli(h.now), Phase.FAILED, "exited with code 1"));
        assertThat(d.events(WorkerSpawnFailed.class)).extracting(WorkerSpawnFailed::reason).containsExactly("exited with code 1");
        assertThat(h.state.scaling.pool().starting()).isEmpty();
    }

    @Test
    void scaleDownDrainsIdleWorkersOfThePoolOldestFirstAndTerminatesThemOnlyOnceTheyHoldNothing() {
        RecordingLink hand = new RecordingLink("c-hand");
        h.register(hand, "hand-started", 2); // not the spawner's: never retired
        String a = "ado-test-aaaaaa";
        h.register(new RecordingLink("c-a"), a, 2);
        h.advance(Duration.ofSeconds(1));
        h.register(new RecordingLink("c-b"), "ado-test-bbbbbb", 2);
        h.advance(Duration.ofSeconds(1));
        h.register(new RecordingLink("c-c"), "ado-test-cccccc", 2);
        inventory(running(a, Duration.ofMinutes(1)), running("ado-test-bbbbbb", Duration.ofMinutes(1)), running("ado-test-cccccc", Duration.ofMinutes(1)));
        assertThat(h.state.scaling.pool().owned()).containsExactlyInAnyOrder(a, "ado-test-bbbbbb", "ado-test-cccccc"); // re-adopted, not spawned

        h.advance(Duration.ofSeconds(11));
        PlaneHarness.Decision down = h.tick();
        // 4 idle, floor 1: the three of the pool can go; the hand-started one stays.
        assertThat(h.state.scaling.pool().retiring()).containsOnlyKeys(a, "ado-test-bbbbbb", "ado-test-cccccc");
        assertThat(down.sends(ControllerMessage.Drain.class)).hasSize(3);
        assertThat(h.state.registry.lookup(a).orElseThrow().status()).isEqualTo(WorkerStatus.DRAINING);
        assertThat(down.pool()).isEmpty(); // terminated on a later round, after the re-check

        // Work reached one of them in between (it reconnected holding an attempt): it keeps its worker.
        h.state.registry.put(h.state.registry.lookup("ado-test-cccccc").orElseThrow().plus(new AttemptRef("t-late", 1)));
        PlaneHarness.Decision next = h.tick();
        assertThat(next.pool(Terminate.class)).extracting(Terminate::workerId).containsExactly(a, "ado-test-bbbbbb");
        assertThat(next.events(WorkerUnregistered.class)).extracting(WorkerUnregistered::reason).containsOnly("retired by scaling");
        assertThat(h.state.scaling.pool().retiring()).containsOnlyKeys("ado-test-cccccc");
        assertThat(h.state.registry.lookup("hand-started")).isPresent();

        long seq = next.pool(Terminate.class).get(0).decision();
        h.feed(new ControlPlane.Terminated(a, seq, null));
        h.feed(new ControlPlane.Terminated("ado-test-bbbbbb", seq, null));
        h.state.registry.put(h.state.registry.lookup("ado-test-cccccc").orElseThrow().minus(new AttemptRef("t-late", 1), true));
        assertThat(h.tick().pool(Terminate.class)).extracting(Terminate::workerId).containsExactly("ado-test-cccccc");
        assertThat(h.feed(new ControlPlane.Terminated("ado-test-cccccc", seq, null)).events(ScaledDown.class)).singleElement()
                .satisfies(e -> assertThat(List.of(e.requested(), e.terminated())).containsExactly(3, 3));
    }

    @Test
    void theInventoryDeletesOldOrphansAndAdoptsYoungOnesAsStarting() {
        PlaneHarness.Decision d = inventory(running("ado-test-oldold", Duration.ofMinutes(3)), running("ado-test-young1", Duration.ofSeconds(10)));
        assertThat(d.pool(Terminate.class)).extracting(Terminate::workerId).containsExactly("ado-test-oldold");
        assertThat(h.state.scaling.pool().starting()).containsOnlyKeys("ado-test-young1");
        assertThat(d.pool(Spawn.class)).isEmpty(); // the young one counts toward minWorkers 1: nothing spawned
        assertThat(h.state.scaling.pool().recent()).extracting(r -> r.action()).containsExactly("remove_orphan");
    }

    @Test
    void aWorkersNGroupAsksForTheWorkersItNeedsWithoutWaitingForTheCooldown() {
        String first = up(inventory().pool(Spawn.class).get(0), 4);
        assertThat(first).isNotNull();
        PlaneHarness.Decision d = h.feed(new ControlPlane.SubmitAll(List.of(grouped("1"), grouped("2"), grouped("3"), grouped("4"))));
        assertThat(d.pool(Spawn.class)).hasSize(3);
        assertThat(h.state.scaling.lastDecision()).isEqualTo(new ScalingPlan.ScaleUp(3, "a --workers 4 run needs 4 workers"));
    }

    static TaskSpec grouped(String i) { return new TaskSpec("echo " + i, "shell", null, null, null, null, null, null, "run-x"); }

    @Test
    void theFloorIsBoundedByMaxWorkersAndClearedWithNull() {
        assertThatThrownBy(() -> h.feed(new ControlPlane.Scale(7))).isInstanceOf(ApiException.class).hasMessageContaining("0..6");
        h.feed(new ControlPlane.Scale(2));
        assertThat(h.state.scaling.pool().floor()).isEqualTo(2);
        h.feed(new ControlPlane.Scale(null));
        assertThat(h.state.scaling.pool().floor()).isZero();
    }

    @Test
    void withoutASpawnerTheDecisionIsAdviceOnly() {
        PlaneHarness none = new PlaneHarness(new PlaneSettings(3, RegistrySettings.DEFAULTS, PATIENT, BalancerSettings.DEFAULTS, LOCAL.withSpawner("none"), SecuritySettings.DEFAULTS));
        assertThat(none.tick().pool()).isEmpty();
        assertThat(none.state.scaling.lastDecision()).isEqualTo(new ScalingPlan.ScaleUp(1, "below minWorkers 1"));
    }
}
