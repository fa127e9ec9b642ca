package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.spawner.LocalSpawnerSettings;
import io.ado.controller.spawner.kubernetes.KubernetesSpawnerSettings;
import io.ado.controller.spawner.kubernetes.KubernetesWorkerSpawner;
import io.ado.controller.spawner.kubernetes.WorkerPodTemplate;
import io.ado.protocol.WorkerStatus;
import io.ado.worker.WorkerAgent;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaling manager with the Kubernetes spawner, through the real controller (plane, driver,
 * spawner) against fabric8's mock API server in CRUD mode — a mock: no API server can run on these
 * machines. It runs no kubelet, so the test plays the pods' part: it sets pod statuses, and a
 * "pod" that comes up is an in-JVM worker started with the pod's name and the token from its Secret.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesScalingIT {
    static final Map<String, String> POOL = Map.of(WorkerPodTemplate.APP_LABEL, WorkerPodTemplate.APP, WorkerPodTemplate.POOL_LABEL, "it");

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir Path dir;
    LocalCluster cluster;

    @AfterEach
    void down() { if (cluster != null) cluster.close(); }

    List<Pod> pods() { return client.pods().inNamespace("test").withLabels(POOL).list().getItems(); }

    Set<String> podNames() { return pods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet()); }

    /** The pod comes up: a worker with its name and its Secret's token, and nothing else (no API token). */
    WorkerAgent runPod(String name) {
        // The spawner creates the pod, then its Secret (owned by the pod's uid): wait for the second request.
        Secret s = await().atMost(Duration.ofSeconds(10)).until(() -> client.secrets().inNamespace("test").withName(WorkerPodTemplate.secretName(name)).get(),
                Objects::nonNull);
        String token = new String(Base64.getDecoder().decode(s.getData().get(WorkerPodTemplate.TOKEN_KEY)), StandardCharsets.UTF_8);
        return cluster.startJoiningWorker(name, null, token);
    }

    void status(String name, PodStatus st) {
        Pod p = client.pods().inNamespace("test").withName(name).get();
        client.pods().inNamespace("test").resource(new PodBuilder(p).withStatus(st).build()).updateStatus();
    }

    @Test
    void podsAreSpawnedFailedOnesReplacedIdleOnesRetiredAndOrphansDeleted() throws Exception {
        KubernetesSpawnerSettings k8s = new KubernetesSpawnerSettings("test", "ado:it", "IfNotPresent", "http://ado-controller:8080", 2, "100m", null,
                "128Mi", "256Mi", Map.of(), List.of(), Map.of(), Map.of(), null, Duration.ofSeconds(1));
        ScalingSettings sc = new ScalingSettings(true, 1, 3, 10, 80, 20, Duration.ofSeconds(2), Duration.ofMillis(500), "kubernetes",
                Duration.ofSeconds(3), "it", LocalSpawnerSettings.DEFAULTS, k8s);
        cluster = new LocalCluster(dir, s -> s.withScaling(sc), url -> new KubernetesWorkerSpawner(client, k8s, "it", Clock.systemUTC()));
        TestApi api = cluster.api;

        // minWorkers 1: one pod, labelled with the pool, its token in a Secret of its own.
        await().atMost(Duration.ofSeconds(20)).until(() -> pods().size() == 1);
        String first = pods().get(0).getMetadata().getName();
        assertThat(first).matches("ado-it-[a-z0-9]{6}");
        runPod(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/workers/" + first).body().contains("\"status\":\"idle\""));

        // A floor of 2: a second pod, which never pulls its image; past spawnTimeout it is deleted, reported, and replaced.
        assertThat(api.post("/api/v1/admin/scale", "{\"workers\":2}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> pods().size() == 2);
        String stuck = podNames().stream().filter(n -> !n.equals(first)).findFirst().orElseThrow();
        status(stuck, new PodStatusBuilder().withPhase("Pending").withContainerStatuses(new ContainerStatusBuilder().withName("worker")
                .withNewState().withNewWaiting().withReason("ImagePullBackOff").withMessage("Back-off pulling image \"ado:it\"").endWaiting().endState()
                .build()).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> !podNames().contains(stuck));
        assertThat(api.get("/api/v1/admin/status").body()).contains(stuck + ": did not register within 3s").contains("ImagePullBackOff");
        await().atMost(Duration.ofSeconds(30)).until(() -> pods().size() == 2);
        String second = podNames().stream().filter(n -> !n.equals(first)).findFirst().orElseThrow();
        runPod(second);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/workers/" + second).body().contains("\"status\":\"idle\""));

        // A labelled pod nobody spawned (a leftover of an earlier controller) that never registers is deleted.
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName("ado-it-orphan").withLabels(POOL).endMetadata()
                .withNewSpec().addNewContainer().withName("worker").withImage("ado:it").endContainer().endSpec().build()).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> !podNames().contains("ado-it-orphan"));

        // The floor cleared, idle for scaleDownDelay: the older worker is drained, then its pod deleted; the other stays.
        assertThat(api.post("/api/v1/admin/scale", "{\"workers\":null}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> podNames().equals(Set.of(second)));
        assertThat(api.get("/api/v1/workers/" + second).body()).contains("\"status\":\"" + WorkerStatus.IDLE.wireName() + "\"");
        assertThat(api.get("/api/v1/admin/status").body()).contains("\"action\":\"scale_down\",\"requested\":1,\"done\":1");
        assertThat(client.secrets().inNamespace("test").withName(WorkerPodTemplate.secretName(first)).get()).isNull();
    }
}
