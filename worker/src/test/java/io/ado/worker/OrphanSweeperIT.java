package io.ado.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.AttemptRef;
import io.ado.protocol.TaskSpec;
import io.ado.testkit.PodmanFixture;
import io.ado.worker.engine.EngineAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real engine: a worker's containers of attempts it does not hold are removed once past the creation grace; its own stay. */
class OrphanSweeperIT {
    @TempDir static Path dir;
    static PodmanFixture podman;
    static ContainerRuntime runtime;
    static final String WORKER = "w-sweep-" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void engine() throws Exception {
        podman = PodmanFixture.start(dir);
        runtime = ContainerRuntime.connect(EngineAddress.unix(podman.socket()), ContainerSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            for (var c : runtime.client().list(Map.of(ContainerRuntime.WORKER_LABEL, WORKER))) runtime.client().remove(c.id()); // after a failure
            runtime.close();
        }
        if (podman != null) podman.close();
    }

    @Test
    void containersOfAttemptsNoLongerHeldAreRemovedAndHeldOnesStay() throws Exception {
        String worker = WORKER;
        Map<String, String> orphanEnv = Map.of("ADO_TASK_ID", "t-orphan", "ADO_ATTEMPT", "1", "ADO_WORKER_ID", worker);
        Map<String, String> heldEnv = Map.of("ADO_TASK_ID", "t-held", "ADO_ATTEMPT", "1", "ADO_WORKER_ID", worker);
        RunningTask orphan = runtime.start(TaskSpec.container("sleep 60", "local/busybox"), orphanEnv, (s, d) -> {});
        RunningTask held = runtime.start(TaskSpec.container("sleep 60", "local/busybox"), heldEnv, (s, d) -> {});
        Map<String, String> mine = Map.of(ContainerRuntime.WORKER_LABEL, worker);
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.client().list(mine).stream().filter(c -> c.state().equals("running")).count() == 2);
        Set<AttemptRef> holding = new CopyOnWriteArraySet<>(List.of(new AttemptRef("t-held", 1)));

        // Just created: inside the creation grace, so spared, and looked at again when it leaves it.
        OrphanSweeper now = new OrphanSweeper(runtime.client(), worker, () -> holding, Clock.systemUTC(), ContainerSettings.DEFAULTS);
        OrphanSweep.Plan first = now.sweepOnce();
        assertThat(first.remove()).isEmpty();
        assertThat(first.recheckAt()).isNotNull();
        // A minute later (the sweeper's clock is ahead): the orphan goes, and its task ends as its container did.
        OrphanSweeper later = new OrphanSweeper(runtime.client(), worker, () -> holding, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)),
                ContainerSettings.DEFAULTS);
        assertThat(later.sweepOnce().remove()).hasSize(1);
        assertThat(runtime.client().list(mine)).extracting(c -> c.labels().get("ado.task")).containsExactly("t-held");
        Outcome gone = orphan.outcome().get(30, TimeUnit.SECONDS);
        assertThat(gone.error()).contains("was removed while it ran");
        assertThat(held.outcome()).isNotDone();

        // Started, the sweeper sweeps at once.
        holding.clear();
        try (OrphanSweeper started = new OrphanSweeper(runtime.client(), worker, () -> holding, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)),
                ContainerSettings.DEFAULTS).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.client().list(mine).isEmpty());
        }
        held.outcome().get(30, TimeUnit.SECONDS);
        now.close();
        later.close();
    }
}
