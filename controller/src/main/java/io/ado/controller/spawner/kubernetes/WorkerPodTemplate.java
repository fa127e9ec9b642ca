package io.ado.controller.spawner.kubernetes;

import io.ado.controller.spawner.SpawnRequest;
import io.ado.controller.spawner.kubernetes.KubernetesSpawnerSettings.Toleration;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The worker pod and its join-token Secret, built from {@code scaling.kubernetes} (pure: no client).
 * The constructor checks the settings up front, naming the key of each bad field.
 *
 * <p>The pod runs container {@code worker} with the image's entry point ({@code ado}) and the args
 * {@code worker --controller URL --id POD --slots N}; restartPolicy Never (a worker that exits is
 * replaced by the scaling manager, under a new id and token); runAsNonRoot; no service-account token
 * unless a service account is named. The join token reaches it only as {@code ADO_JOIN_TOKEN} through
 * a {@code secretKeyRef}, never as a literal in the pod spec. The Secret ({@code <pod>-join}) is owned
 * by the pod, so Kubernetes deletes it with the pod even if nobody else does.
 */
public final class WorkerPodTemplate {
    public static final String CONTAINER = "worker";
    public static final String APP_LABEL = "app.kubernetes.io/name";
    public static final String APP = "ado-worker";
    public static final String POOL_LABEL = "ado.io/pool";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String TOKEN_ENV = "ADO_JOIN_TOKEN";
    public static final String CONTROLLER_ENV = "ADO_CONTROLLER";
    public static final String TOKEN_KEY = "token";
    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
    private static final Set<String> OPERATORS = Set.of("Exists", "Equal");
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final String LABEL_VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?";
    private static final String LABEL_KEY = "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
    private static final String QUANTITY = "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+|[KMGTPE]i|[numkKMGTPE])?";

    private final KubernetesSpawnerSettings settings;
    private final String pool;

    public WorkerPodTemplate(KubernetesSpawnerSettings settings, String pool) {
        this.settings = settings;
        this.pool = pool;
        String k = "scaling.kubernetes.";
        if (pool == null || pool.isEmpty() || !pool.matches(LABEL_VALUE)) {
            throw new IllegalArgumentException("scaling.pool: must be a Kubernetes label value (letters, digits, '-', '_', '.', at most 63), got '" + pool + "'");
        }
        if (settings.image() == null || settings.image().isBlank()) throw new IllegalArgumentException(k + "image: required");
        if (settings.controllerUrl() == null || !settings.controllerUrl().matches("(?i)https?://.+")) {
            throw new IllegalArgumentException(k + "controllerUrl: required, the URL pods reach the controller at (e.g. http://ado-controller:8080), got '"
                    + settings.controllerUrl() + "'");
        }
        if (settings.imagePullPolicy() != null && !PULL_POLICIES.contains(settings.imagePullPolicy())) {
            throw new IllegalArgumentException(k + "imagePullPolicy: must be Always, IfNotPresent or Never, got '" + settings.imagePullPolicy() + "'");
        }
        quantity(k + "cpuRequest", settings.cpuRequest());
        quantity(k + "cpuLimit", settings.cpuLimit());
        quantity(k + "memoryRequest", settings.memoryRequest());
        quantity(k + "memoryLimit", settings.memoryLimit());
        settings.labels().forEach((key, value) -> {
            if (!key.matches(LABEL_KEY) || !value.matches(LABEL_VALUE)) throw new IllegalArgumentException(k + "labels." + key + ": not a valid label '" + value + "'");
            if (key.equals(APP_LABEL) || key.equals(MANAGED_BY_LABEL) || key.startsWith("ado.io/")) {
                throw new IllegalArgumentException(k + "labels." + key + ": reserved (set by the spawner to find its pods)");
            }
        });
        settings.nodeSelector().forEach((key, value) -> {
            if (!key.matches(LABEL_KEY) || !value.matches(LABEL_VALUE)) throw new IllegalArgumentException(k + "nodeSelector." + key + ": not a valid label '" + value + "'");
        });
        settings.env().keySet().forEach(name -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException(k + "env." + name + ": not a valid variable name");
            if (name.equals(TOKEN_ENV) || name.equals(CONTROLLER_ENV)) throw new IllegalArgumentException(k + "env." + name + ": reserved (set by the spawner)");
        });
        for (int i = 0; i < settings.tolerations().size(); i++) {
            Toleration t = settings.tolerations().get(i);
            String at = k + "tolerations[" + i + "].";
            if (t.operator() != null && !OPERATORS.contains(t.operator())) throw new IllegalArgumentException(at + "operator: must be Exists or Equal, got '" + t.operator() + "'");
            if (t.effect() != null && !EFFECTS.contains(t.effect())) {
                throw new IllegalArgumentException(at + "effect: must be NoSchedule, PreferNoSchedule or NoExecute, got '" + t.effect() + "'");
            }
            if (t.key() == null && !"Exists".equals(t.operator())) throw new IllegalArgumentException(at + "key: required unless operator is Exists");
        }
    }

    /** The labels every pod of this pool carries, and the selector that finds them. */
    public Map<String, String> selector() { return Map.of(APP_LABEL, APP, POOL_LABEL, pool); }

    public static String secretName(String workerId) { return workerId + "-join"; }

    /** The pod for {@code req}: its name is the worker id; the token is referenced, not included. */
    public Pod pod(SpawnRequest req, String namespace) {
        Map<String, String> labels = new TreeMap<>(settings.labels());
        labels.putAll(selector());
        labels.put(MANAGED_BY_LABEL, "ado-controller");
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar(CONTROLLER_ENV, settings.controllerUrl(), null));
        env.add(new EnvVarBuilder().withName(TOKEN_ENV).withNewValueFrom().withNewSecretKeyRef()
                .withName(secretName(req.workerId())).withKey(TOKEN_KEY).withOptional(false).endSecretKeyRef().endValueFrom().build());
        new TreeMap<>(settings.env()).forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        return new PodBuilder()
                .withNewMetadata().withName(req.workerId()).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(settings.serviceAccount())
                // workers do not call the Kubernetes API: no token in their pods unless an account is named
                .withAutomountServiceAccountToken(settings.serviceAccount() == null ? Boolean.FALSE : null)
                .withTerminationGracePeriodSeconds(settings.deleteGrace().toSeconds())
                .withNodeSelector(settings.nodeSelector().isEmpty() ? null : new TreeMap<>(settings.nodeSelector()))
                .withTolerations(settings.tolerations().stream().map(t -> new TolerationBuilder().withKey(t.key()).withOperator(t.operator())
                        .withValue(t.value()).withEffect(t.effect()).withTolerationSeconds(t.tolerationSeconds()).build()).toList())
                .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(settings.image())
                .withImagePullPolicy(settings.imagePullPolicy())
                .withArgs("worker", "--controller", settings.controllerUrl(), "--id", req.workerId(), "--slots", Integer.toString(settings.slots()))
                .withEnv(env)
                .withNewResources().withRequests(quantities(settings.cpuRequest(), settings.memoryRequest()))
                .withLimits(quantities(settings.cpuLimit(), settings.memoryLimit())).endResources()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .endContainer()
                .endSpec()
                .build();
    }

    /** The Secret holding {@code req}'s token, owned by the created pod (its uid) so it goes with it. */
    public Secret secret(SpawnRequest req, Pod created) {
        Map<String, String> labels = new TreeMap<>(selector());
        labels.put(MANAGED_BY_LABEL, "ado-controller");
        return new SecretBuilder()
                .withNewMetadata().withName(secretName(req.workerId())).withNamespace(created.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod").withName(created.getMetadata().getName())
                        .withUid(created.getMetadata().getUid()).withBlockOwnerDeletion(false).build())
                .endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(Map.of(TOKEN_KEY, base64(req.joinToken())))
                .build();
    }

    /** A Secret's {@code data} form of {@code text}. */
    static String base64(String text) { return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)); }

    private static Map<String, Quantity> quantities(String cpu, String memory) {
        Map<String, Quantity> q = new LinkedHashMap<>();
        if (cpu != null) q.put("cpu", new Quantity(cpu));
        if (memory != null) q.put("memory", new Quantity(memory));
        return q.isEmpty() ? null : q;
    }

    private static void quantity(String key, String value) {
        if (value != null && !value.matches(QUANTITY)) throw new IllegalArgumentException(key + ": not a Kubernetes quantity (e.g. 250m, 1, 512Mi), got '" + value + "'");
    }
}
