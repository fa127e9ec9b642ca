package io.ado.controller.spawner.kubernetes;

import io.ado.controller.spawner.SpawnedInstance;
import io.ado.controller.spawner.SpawnedInstance.Phase;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a worker pod's status says, as a {@link SpawnedInstance}: pure, no client.
 *
 * <ul>
 *   <li>phase {@code Running} → RUNNING (with {@code terminating} as detail once a deletion was asked for);
 *       a {@code worker} container that already terminated → FAILED (restartPolicy is Never: the pod is ending);
 *   <li>phase {@code Pending} (or none yet) → STARTING, the detail naming why it waits: the container's
 *       waiting reason ({@code Pending: ImagePullBackOff: Back-off pulling image "ado:1"}) or an
 *       unschedulable pod ({@code Pending: Unschedulable: 0/3 nodes are available: ...});
 *   <li>phase {@code Failed}/{@code Succeeded} → FAILED with the pod's reason and the exit code.
 * </ul>
 *
 * Waiting reasons stay STARTING even when they look final (ErrImagePull, ImagePullBackOff,
 * CreateContainerConfigError, CrashLoopBackOff): a registry comes back, an image is pushed, a
 * pull secret or ConfigMap is created, and the scaling manager's spawnTimeout bounds the wait
 * anyway. Only {@code InvalidImageName} and {@code ErrImageNeverPull} are FAILED at once: the
 * image field of a pod is immutable, so nothing but a new pod can fix them.
 */
public final class PodStatusReader {
    /** Waiting reasons a pod can never leave by itself. */
    static final Set<String> UNRECOVERABLE = Set.of("InvalidImageName", "ErrImageNeverPull");

    private PodStatusReader() {}

    /** The pod as an instance; {@code fallbackCreatedAt} when the pod has no creation time (not yet stored). */
    public static SpawnedInstance read(Pod pod, Instant fallbackCreatedAt) {
        Instant created = createdAt(pod.getMetadata().getCreationTimestamp(), fallbackCreatedAt);
        boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
        PodStatus status = pod.getStatus();
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        ContainerStatus worker = workerContainer(status);
        ContainerState state = worker == null ? null : worker.getState();
        return switch (phase) {
            case "Running" -> state != null && state.getTerminated() != null
                    ? new SpawnedInstance(pod.getMetadata().getName(), created, Phase.FAILED, ended("Running", null, null, state.getTerminated()))
                    : new SpawnedInstance(pod.getMetadata().getName(), created, Phase.RUNNING, terminating ? "terminating" : null);
            case "Failed", "Succeeded" -> new SpawnedInstance(pod.getMetadata().getName(), created, Phase.FAILED,
                    ended(phase, status.getReason(), status.getMessage(), state == null ? null : state.getTerminated()));
            case "Pending" -> pending(pod.getMetadata().getName(), created, status, state);
            // Unknown: the node stopped reporting; the pod may come back, the worker's registration says more.
            default -> new SpawnedInstance(pod.getMetadata().getName(), created, Phase.STARTING,
                    join(phase, status.getReason(), status.getMessage()));
        };
    }

    private static SpawnedInstance pending(String name, Instant created, PodStatus status, ContainerState state) {
        ContainerStateWaiting waiting = state == null ? null : state.getWaiting();
        if (waiting != null && waiting.getReason() != null) {
            Phase p = UNRECOVERABLE.contains(waiting.getReason()) ? Phase.FAILED : Phase.STARTING;
            return new SpawnedInstance(name, created, p, join("Pending", waiting.getReason(), waiting.getMessage()));
        }
        PodCondition scheduled = status == null ? null : status.getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())).findFirst().orElse(null);
        if (scheduled != null) {
            return new SpawnedInstance(name, created, Phase.STARTING, join("Pending", scheduled.getReason() == null ? "NotScheduled" : scheduled.getReason(),
                    scheduled.getMessage()));
        }
        return new SpawnedInstance(name, created, Phase.STARTING, "Pending");
    }

    /** {@code Failed: Evicted: The node was low on memory; container worker exited with code 137 (OOMKilled)}. */
    private static String ended(String phase, String reason, String message, ContainerStateTerminated t) {
        String pod = join(phase, reason, message);
        if (t == null) return pod;
        String exit = "container worker exited with code " + t.getExitCode() + (t.getReason() == null ? "" : " (" + t.getReason() + ")");
        if (t.getMessage() != null && !t.getMessage().isBlank()) exit += ": " + t.getMessage().strip();
        return reason == null && message == null ? phase + ": " + exit : pod + "; " + exit;
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) if (p != null && !p.isBlank()) present.add(p.strip());
        return String.join(": ", present);
    }

    /** The {@code worker} container's status, else the first one (a pod from an older template). */
    private static ContainerStatus workerContainer(PodStatus status) {
        if (status == null || status.getContainerStatuses().isEmpty()) return null;
        return status.getContainerStatuses().stream().filter(c -> WorkerPodTemplate.CONTAINER.equals(c.getName())).findFirst()
                .orElse(status.getContainerStatuses().getFirst());
    }

    private static Instant createdAt(String timestamp, Instant fallback) {
        if (timestamp == null) return fallback;
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
