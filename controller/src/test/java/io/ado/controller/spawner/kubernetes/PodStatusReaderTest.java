package io.ado.controller.spawner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.controller.spawner.SpawnedInstance;
import io.ado.controller.spawner.SpawnedInstance.Phase;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodStatusReaderTest {
    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    static Pod pod(PodStatus status) {
        return new PodBuilder().withNewMetadata().withName("w-1").withCreationTimestamp("2026-12-03T09:58:30Z").endMetadata()
                .withStatus(status).build();
    }

    static ContainerStatus waiting(String reason, String message) {
        return new ContainerStatusBuilder().withName("worker").withNewState().withNewWaiting().withReason(reason).withMessage(message)
                .endWaiting().endState().build();
    }

    static ContainerStatus terminated(int code, String reason) {
        return new ContainerStatusBuilder().withName("worker").withNewState().withNewTerminated().withExitCode(code).withReason(reason)
                .endTerminated().endState().build();
    }

    static SpawnedInstance read(PodStatus status) { return PodStatusReader.read(pod(status), NOW); }

    @Test
    void aPodWithoutStatusIsStartingAndKeepsItsCreationTime() {
        SpawnedInstance i = read(null);
        assertThat(i).isEqualTo(new SpawnedInstance("w-1", Instant.parse("2026-12-03T09:58:30Z"), Phase.STARTING, "Pending"));
    }

    @Test
    void aPodNotYetStoredCountsAsCreatedNow() {
        Pod p = new PodBuilder().withNewMetadata().withName("w-2").endMetadata().build();
        assertThat(PodStatusReader.read(p, NOW).createdAt()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @CsvSource({
            "ImagePullBackOff, 'Back-off pulling image \"ado:1\"', STARTING",
            "ErrImagePull, 'rpc error: not found', STARTING",
            "CrashLoopBackOff, 'back-off 10s restarting', STARTING",
            "CreateContainerConfigError, 'secret \"w-1-join\" not found', STARTING",
            "ContainerCreating, '', STARTING",
            "InvalidImageName, 'couldn''t parse image name \"ADO:x\"', FAILED",
            "ErrImageNeverPull, 'image is not present with pull policy of Never', FAILED"})
    void pendingWithAWaitingContainerNamesTheReason(String reason, String message, Phase phase) {
        SpawnedInstance i = read(new PodStatusBuilder().withPhase("Pending").withContainerStatuses(waiting(reason, message)).build());
        assertThat(i.phase()).isEqualTo(phase);
        assertThat(i.detail()).isEqualTo(message.isEmpty() ? "Pending: " + reason : "Pending: " + reason + ": " + message);
    }

    @Test
    void anUnschedulablePodIsStartingWithTheSchedulersMessage() {
        PodCondition c = new PodConditionBuilder().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient cpu.").build();
        SpawnedInstance i = read(new PodStatusBuilder().withPhase("Pending").withConditions(c).build());
        assertThat(i.phase()).isEqualTo(Phase.STARTING);
        assertThat(i.detail()).isEqualTo("Pending: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.");
    }

    @Test
    void aScheduledPodIsNotReportedUnschedulable() {
        PodCondition c = new PodConditionBuilder().withType("PodScheduled").withStatus("True").build();
        assertThat(read(new PodStatusBuilder().withPhase("Pending").withConditions(c).build()).detail()).isEqualTo("Pending");
    }

    @Test
    void runningIsRunningAndADeletionIsShown() {
        PodStatus running = new PodStatusBuilder().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder().withName("worker")
                .withNewState().withNewRunning().withStartedAt("2026-12-03T09:59:00Z").endRunning().endState().build()).build();
        assertThat(read(running)).extracting(SpawnedInstance::phase, SpawnedInstance::detail).containsExactly(Phase.RUNNING, null);
        Pod deleting = new PodBuilder(pod(running)).editMetadata().withDeletionTimestamp("2026-12-03T09:59:50Z").endMetadata().build();
        assertThat(PodStatusReader.read(deleting, NOW)).extracting(SpawnedInstance::phase, SpawnedInstance::detail)
                .containsExactly(Phase.RUNNING, "terminating");
    }

    @Test
    void aRunningPodWhoseWorkerExitedIsFailed() {
        SpawnedInstance i = read(new PodStatusBuilder().withPhase("Running").withContainerStatuses(terminated(2, "Error")).build());
        assertThat(i.phase()).isEqualTo(Phase.FAILED);
        assertThat(i.detail()).isEqualTo("Running: container worker exited with code 2 (Error)");
    }

    @Test
    void failedAndSucceededAreFailedWithReasonAndExitCode() {
        assertThat(read(new PodStatusBuilder().withPhase("Failed").withContainerStatuses(terminated(137, "OOMKilled")).build()).detail())
                .isEqualTo("Failed: container worker exited with code 137 (OOMKilled)");
        SpawnedInstance evicted = read(new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").build());
        assertThat(evicted).extracting(SpawnedInstance::phase, SpawnedInstance::detail)
                .containsExactly(Phase.FAILED, "Failed: Evicted: The node was low on resource: memory.");
        SpawnedInstance done = read(new PodStatusBuilder().withPhase("Succeeded").withContainerStatuses(terminated(0, "Completed")).build());
        assertThat(done).extracting(SpawnedInstance::phase, SpawnedInstance::detail)
                .containsExactly(Phase.FAILED, "Succeeded: container worker exited with code 0 (Completed)");
    }

    @Test
    void anEvictedPodWithAnExitCodeNamesBoth() {
        SpawnedInstance i = read(new PodStatusBuilder().withPhase("Failed").withReason("Evicted").withMessage("low on memory")
                .withContainerStatuses(terminated(143, "Error")).build());
        assertThat(i.detail()).isEqualTo("Failed: Evicted: low on memory; container worker exited with code 143 (Error)");
    }

    @Test
    void theWorkerContainerIsReadEvenWhenNotFirst() {
        ContainerStatus sidecar = new ContainerStatusBuilder().withName("proxy").withNewState().withNewRunning().endRunning().endState().build();
        SpawnedInstance i = read(new PodStatusBuilder().withPhase("Pending").withContainerStatuses(sidecar, waiting("ErrImagePull", "denied")).build());
        assertThat(i.detail()).isEqualTo("Pending: ErrImagePull: denied");
    }

    @Test
    void unknownPhaseIsStartingWithWhatIsKnown() {
        SpawnedInstance i = read(new PodStatusBuilder().withPhase("Unknown").withReason("NodeLost").build());
        assertThat(i).extracting(SpawnedInstance::phase, SpawnedInstance::detail).containsExactly(Phase.STARTING, "Unknown: NodeLost");
    }
}
