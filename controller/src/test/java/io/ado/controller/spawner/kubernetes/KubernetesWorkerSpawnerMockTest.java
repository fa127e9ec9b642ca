package io.ado.controller.spawner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ado.controller.spawner.SpawnException;
import io.ado.controller.spawner.SpawnRequest;
import io.ado.controller.spawner.SpawnedInstance;
import io.ado.controller.spawner.SpawnedInstance.Phase;
import io.ado.controller.spawner.kubernetes.KubernetesSpawnerSettings.Toleration;
import io.ado.controller.spawner.kubernetes.RoleRules.Access;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The spawner against fabric8's mock API server in CRUD mode: there is no Kubernetes API server on
 * these machines (no kube-apiserver, k3s or kind). The mock runs no scheduler or kubelet, so the
 * tests write pod statuses themselves, and it has no garbage collector (an owner reference is
 * stored, not acted on). After every test, each request the spawner made is checked against the
 * Role in {@code deploy/kubernetes/rbac.yaml}.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesWorkerSpawnerMockTest {
    static final String TOKEN = "adojt_k8smocktest0123456789abcdefghij";
    static final String SPAWNER_AGENT = "ado-spawner-under-test";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

    KubernetesMockServer server;
    KubernetesClient client; // the test's own: set-up and statuses; the spawner has a client of its own
    KubernetesSpawner blue;
    final List<Access> spawnerRequests = new ArrayList<>();

    /** The spawner with the client it was given (its requests carry their own User-Agent). */
    record KubernetesSpawner(KubernetesWorkerSpawner spawner, KubernetesClient client) {}

    static KubernetesSpawnerSettings settings() {
        return new KubernetesSpawnerSettings(null, "registry.example.com/ado:1.2", "Always", "http://ado-controller:8080", 3,
                "500m", "2", "512Mi", "2Gi", Map.of("disktype", "ssd"), List.of(new Toleration("dedicated", "Equal", "ado", "NoSchedule", null)),
                Map.of("TZ", "UTC"), Map.of("team", "infra"), null, Duration.ofSeconds(45));
    }

    KubernetesSpawner spawner(String pool) {
        KubernetesClient c = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(SPAWNER_AGENT).build()).build();
        return new KubernetesSpawner(new KubernetesWorkerSpawner(c, settings(), pool, CLOCK), c);
    }

    @BeforeEach
    void start() { blue = spawner("blue"); }

    @AfterEach
    void everyRequestOfTheSpawnerIsAllowedByTheRole() throws Exception {
        blue.spawner().close();
        drainRequests();
        RoleRules role = RoleRules.load("ado-worker-spawner");
        assertThat(spawnerRequests).isNotEmpty().allSatisfy(a -> assertThat(role.allows(a)).as("Role ado-worker-spawner allows %s", a).isTrue());
    }

    void drainRequests() throws InterruptedException {
        for (RecordedRequest r; (r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
            if (SPAWNER_AGENT.equals(r.getHeader("User-Agent"))) spawnerRequests.add(RoleRules.access(r));
        }
    }

    static SpawnRequest request(String id) { return new SpawnRequest(id, TOKEN, "blue"); }

    Pod pod(String name) { return client.pods().inNamespace("test").withName(name).get(); }

    void setStatus(String name, PodStatus status) {
        Pod p = pod(name);
        p.setStatus(status);
        client.pods().inNamespace("test").resource(p).updateStatus();
    }

    @Test
    void spawnCreatesThePodFromTheTemplateAndTheTokenOnlyInItsSecret() throws Exception {
        blue.spawner().spawn(request("w-abc"));

        Pod pod = pod("w-abc");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "ado-worker").containsEntry("ado.io/pool", "blue")
                .containsEntry("team", "infra").containsEntry("app.kubernetes.io/managed-by", "ado-controller");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(45L);
        assertThat(pod.getSpec().getNodeSelector()).isEqualTo(Map.of("disktype", "ssd"));
        assertThat(pod.getSpec().getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getOperator()).isEqualTo("Equal");
            assertThat(t.getValue()).isEqualTo("ado");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        Container c = pod.getSpec().getContainers().getFirst();
        assertThat(pod.getSpec().getContainers()).hasSize(1);
        assertThat(c.getName()).isEqualTo("worker");
        assertThat(c.getImage()).isEqualTo("registry.example.com/ado:1.2");
        assertThat(c.getImagePullPolicy()).isEqualTo("Always");
        assertThat(c.getArgs()).containsExactly("worker", "--controller", "http://ado-controller:8080", "--id", "w-abc", "--slots", "3");
        assertThat(c.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi")));
        assertThat(c.getResources().getLimits()).isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("2Gi")));
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getEnv()).extracting(EnvVar::getName).containsExactly("ADO_CONTROLLER", "ADO_JOIN_TOKEN", "TZ");
        assertThat(c.getEnv().get(0).getValue()).isEqualTo("http://ado-controller:8080");
        EnvVar token = c.getEnv().get(1);
        assertThat(token.getValue()).isNull();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("w-abc-join");
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
        assertThat(c.getEnv().get(2).getValue()).isEqualTo("UTC");
        String podJson = client.getKubernetesSerialization().asJson(pod);
        assertThat(podJson).doesNotContain(TOKEN).doesNotContain(base64(TOKEN));

        Secret secret = client.secrets().inNamespace("test").withName("w-abc-join").get();
        assertThat(secret).as("the join token's Secret").isNotNull();
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8)).isEqualTo(TOKEN);
        assertThat(secret.getImmutable()).isTrue();
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Pod");
            assertThat(o.getName()).isEqualTo("w-abc");
            assertThat(o.getUid()).isNotBlank().isEqualTo(pod.getMetadata().getUid());
        });
    }

    @Test
    void spawnOfAnExistingPodFailsWithTheApisReason() throws Exception {
        blue.spawner().spawn(request("w-1"));
        assertThatThrownBy(() -> blue.spawner().spawn(request("w-1"))).isInstanceOf(SpawnException.class)
                .hasMessageStartingWith("cannot create pod w-1 in namespace test: HTTP 409");
    }

    @Test
    void listMapsPodStatusesToPhasesAndDetails() throws Exception {
        for (String id : List.of("w-pull", "w-unsched", "w-run", "w-fail", "w-new")) blue.spawner().spawn(request(id));
        setStatus("w-pull", new PodStatusBuilder().withPhase("Pending").withContainerStatuses(new ContainerStatusBuilder().withName("worker")
                .withNewState().withNewWaiting().withReason("ImagePullBackOff").withMessage("Back-off pulling image \"registry.example.com/ado:1.2\"")
                .endWaiting().endState().build()).build());
        setStatus("w-unsched", new PodStatusBuilder().withPhase("Pending").withConditions(new PodConditionBuilder().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable").withMessage("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.")
                .build()).build());
        setStatus("w-run", new PodStatusBuilder().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder().withName("worker")
                .withNewState().withNewRunning().endRunning().endState().build()).build());
        setStatus("w-fail", new PodStatusBuilder().withPhase("Failed").withContainerStatuses(new ContainerStatusBuilder().withName("worker")
                .withNewState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endState().build()).build());

        Map<String, SpawnedInstance> byId = new HashMap<>();
        for (SpawnedInstance i : blue.spawner().list()) byId.put(i.workerId(), i);
        assertThat(byId).containsOnlyKeys("w-pull", "w-unsched", "w-run", "w-fail", "w-new");
        assertThat(byId.get("w-pull")).extracting(SpawnedInstance::phase, SpawnedInstance::detail)
                .containsExactly(Phase.STARTING, "Pending: ImagePullBackOff: Back-off pulling image \"registry.example.com/ado:1.2\"");
        assertThat(byId.get("w-unsched")).extracting(SpawnedInstance::phase, SpawnedInstance::detail)
                .containsExactly(Phase.STARTING, "Pending: Unschedulable: 0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.");
        assertThat(byId.get("w-run")).extracting(SpawnedInstance::phase, SpawnedInstance::detail).containsExactly(Phase.RUNNING, null);
        assertThat(byId.get("w-fail")).extracting(SpawnedInstance::phase, SpawnedInstance::detail)
                .containsExactly(Phase.FAILED, "Failed: container worker exited with code 1 (Error)");
        assertThat(byId.get("w-new").phase()).isEqualTo(Phase.STARTING);
        assertThat(byId.get("w-new").createdAt()).isNotNull();
    }

    @Test
    void terminateDeletesThePodWithTheGracePeriodAndItsSecret() throws Exception {
        blue.spawner().spawn(request("w-1"));
        blue.spawner().spawn(request("w-2"));

        blue.spawner().terminate("w-1", Duration.ofSeconds(7));

        assertThat(pod("w-1")).isNull();
        assertThat(client.secrets().inNamespace("test").withName("w-1-join").get()).isNull();
        assertThat(pod("w-2")).isNotNull();
        assertThat(client.secrets().inNamespace("test").withName("w-2-join").get()).isNotNull();
        assertThat(blue.spawner().list()).extracting(SpawnedInstance::workerId).containsExactly("w-2");
    }

    @Test
    void terminateSendsTheGracePeriodOrDeleteGrace() throws Exception {
        blue.spawner().spawn(request("w-1"));
        blue.spawner().spawn(request("w-2"));
        List<String> deleteBodies = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) record(r, deleteBodies);
        blue.spawner().terminate("w-1", Duration.ofSeconds(7));
        blue.spawner().terminate("w-2", null);
        for (RecordedRequest r; (r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) record(r, deleteBodies);
        assertThat(deleteBodies).hasSize(2);
        assertThat(deleteBodies.get(0)).contains("\"gracePeriodSeconds\":7").contains("\"propagationPolicy\":\"Background\"");
        assertThat(deleteBodies.get(1)).contains("\"gracePeriodSeconds\":45");
    }

    private void record(RecordedRequest r, List<String> podDeletes) {
        if (!SPAWNER_AGENT.equals(r.getHeader("User-Agent"))) return;
        spawnerRequests.add(RoleRules.access(r));
        if (r.getMethod().equals("DELETE") && r.getPath().contains("/pods/")) podDeletes.add(r.getUtf8Body());
    }

    @Test
    void terminateOfAnUnknownIdIsNoErrorAndAForeignPodIsLeftAlone() throws Exception {
        blue.spawner().terminate("no-such-worker", Duration.ofSeconds(1));
        client.pods().inNamespace("test").resource(new PodBuilder().withNewMetadata().withName("controller-0").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("x").endContainer().endSpec().build()).create();
        blue.spawner().terminate("controller-0", Duration.ZERO);
        assertThat(pod("controller-0")).as("a pod without the pool's labels is not the spawner's to delete").isNotNull();
    }

    @Test
    void listReturnsOnlyThePodsOfThisPool() throws Exception {
        KubernetesSpawner green = spawner("green");
        try {
            blue.spawner().spawn(request("w-blue"));
            green.spawner().spawn(new SpawnRequest("w-green", TOKEN, "green"));
            client.pods().inNamespace("test").resource(bare("no-labels", Map.of())).create();
            client.pods().inNamespace("test").resource(bare("app-only", Map.of("app.kubernetes.io/name", "ado-worker"))).create();
            client.pods().inNamespace("test").resource(bare("other-app", Map.of("app.kubernetes.io/name", "web", "ado.io/pool", "blue"))).create();

            assertThat(blue.spawner().list()).extracting(SpawnedInstance::workerId).containsExactly("w-blue");
            assertThat(green.spawner().list()).extracting(SpawnedInstance::workerId).containsExactly("w-green");
            assertThatThrownBy(() -> blue.spawner().spawn(new SpawnRequest("w-x", TOKEN, "green"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pool 'green' to the spawner of pool 'blue'");
        } finally {
            green.spawner().close();
        }
    }

    static Pod bare(String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("x").endContainer().endSpec().build();
    }

    @Test
    void aSecretThatCannotBeCreatedUndoesThePodAndTheErrorHoldsNoToken() throws Exception {
        // an API server whose error message echoes what it was sent, token included
        server.expect().post().withPath("/api/v1/namespaces/test/secrets").andReturn(422, new StatusBuilder().withStatus("Failure").withCode(422)
                .withReason("Invalid").withMessage("Secret \"w-1-join\" is invalid: data[token]: " + TOKEN + " / " + base64(TOKEN)).build()).once();

        assertThatThrownBy(() -> blue.spawner().spawn(request("w-1"))).isInstanceOf(SpawnException.class)
                .hasMessageStartingWith("cannot create Secret w-1-join for pod w-1 in namespace test: HTTP 422")
                .satisfies(e -> assertThat(chainText(e)).contains("***").doesNotContain(TOKEN).doesNotContain(base64(TOKEN)));
        assertThat(pod("w-1")).as("a pod without its Secret could never start").isNull();
    }

    @Test
    void theRoleGrantsExactlyWhatTheSpawnerUses() throws Exception {
        blue.spawner().spawn(request("w-1"));
        blue.spawner().list();
        blue.spawner().terminate("w-1", Duration.ofSeconds(1));
        drainRequests();
        Set<String> used = new TreeSet<>();
        spawnerRequests.forEach(a -> used.add(a.toString()));
        assertThat(used).isEqualTo(RoleRules.load("ado-worker-spawner").grants());
        assertThat(spawnerRequests).allSatisfy(a -> assertThat(a.namespace()).isEqualTo("test"));
    }

    @Test
    void noLogLineExceptionOrToStringHoldsTheToken() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level was = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG); // fabric8 logs request bodies only at TRACE (see deploy/kubernetes/README.md)
        List<String> texts = new ArrayList<>();
        try {
            blue.spawner().spawn(request("w-1"));
            blue.spawner().list();
            blue.spawner().terminate("w-1", Duration.ofSeconds(1));
            server.expect().post().withPath("/api/v1/namespaces/test/secrets").andReturn(400, new StatusBuilder().withCode(400)
                    .withMessage("bad data " + TOKEN).build()).once();
            SpawnException failed = assertThrows(SpawnException.class, () -> blue.spawner().spawn(request("w-2")));
            texts.add(chainText(failed));
        } finally {
            root.detachAppender(logs);
            root.setLevel(was);
        }
        texts.add(request("w-3").toString());
        // the mock server's own debug lines print what it stores, Secrets included: they are the test's API server, not the controller
        logs.list.stream().filter(e -> !e.getLoggerName().startsWith("io.fabric8.kubernetes.client.server.mock") && !e.getLoggerName().startsWith("io.fabric8.mockwebserver"))
                .forEach(e -> texts.add(e.getLoggerName() + ": " + e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())));
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.startsWith("created worker pod w-1"));
        assertThat(texts).hasSizeGreaterThan(3).noneMatch(t -> t.contains(TOKEN) || t.contains(base64(TOKEN)));
    }

    static String base64(String s) { return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

    static String chainText(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) s.append(c).append('\n');
        return s.toString();
    }
}
