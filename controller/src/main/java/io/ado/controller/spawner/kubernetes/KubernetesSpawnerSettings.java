package io.ado.controller.spawner.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code scaling.kubernetes}: the worker pod template. {@code namespace} null: the namespace of
 * the controller's own pod (in-cluster) or the kubeconfig's current one. {@code controllerUrl}:
 * how pods reach the controller (its Service), required when this spawner is used.
 */
public record KubernetesSpawnerSettings(String namespace, String image, String imagePullPolicy, String controllerUrl, int slots,
                                        String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit,
                                        Map<String, String> nodeSelector, List<Toleration> tolerations, Map<String, String> env,
                                        Map<String, String> labels, String serviceAccount, Duration deleteGrace) {
    public static final KubernetesSpawnerSettings DEFAULTS = new KubernetesSpawnerSettings(null, "ado:latest", "IfNotPresent", null, 1,
            "250m", null, "256Mi", "512Mi", Map.of(), List.of(), Map.of(), Map.of(), null, Duration.ofSeconds(30));

    public KubernetesSpawnerSettings {
        if (slots < 1) throw new IllegalArgumentException("slots: must be at least 1");
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        env = env == null ? Map.of() : Map.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (deleteGrace == null || deleteGrace.isNegative()) throw new IllegalArgumentException("deleteGrace: must be a duration >= 0");
    }

    /** A pod toleration, as in the pod spec. */
    public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {}
}
