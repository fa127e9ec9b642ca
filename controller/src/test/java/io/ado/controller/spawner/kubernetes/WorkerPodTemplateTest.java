package io.ado.controller.spawner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.controller.spawner.SpawnRequest;
import io.ado.controller.spawner.kubernetes.KubernetesSpawnerSettings.Toleration;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerPodTemplateTest {
    static KubernetesSpawnerSettings with(String image, String controllerUrl, String pullPolicy, String cpu, Map<String, String> labels,
                                          Map<String, String> env, List<Toleration> tolerations, String serviceAccount) {
        return new KubernetesSpawnerSettings("ado", image, pullPolicy, controllerUrl, 2, cpu, null, "256Mi", null, Map.of(), tolerations,
                env, labels, serviceAccount, Duration.ofSeconds(30));
    }

    static KubernetesSpawnerSettings ok() { return with("ado:1", "http://ctl:8080", "IfNotPresent", "250m", Map.of(), Map.of(), List.of(), null); }

    @Test
    void theDefaultsWithAControllerUrlMakeAPod() {
        KubernetesSpawnerSettings d = KubernetesSpawnerSettings.DEFAULTS;
        KubernetesSpawnerSettings s = new KubernetesSpawnerSettings(null, d.image(), d.imagePullPolicy(), "http://ado-controller:8080", d.slots(),
                d.cpuRequest(), d.cpuLimit(), d.memoryRequest(), d.memoryLimit(), d.nodeSelector(), d.tolerations(), d.env(), d.labels(),
                d.serviceAccount(), d.deleteGrace());
        Pod p = new WorkerPodTemplate(s, "default").pod(new SpawnRequest("w-1", "adojt_x", "default"), "ns");
        assertThat(p.getSpec().getContainers().getFirst().getResources().getLimits()).containsOnlyKeys("memory");
        assertThat(p.getSpec().getNodeSelector()).isNull();
        assertThat(p.getMetadata().getNamespace()).isEqualTo("ns");
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new WorkerPodTemplate(KubernetesSpawnerSettings.DEFAULTS, "default"))
                .hasMessageStartingWith("scaling.kubernetes.controllerUrl: required");
        assertThatThrownBy(() -> new WorkerPodTemplate(with(" ", "http://c", null, null, Map.of(), Map.of(), List.of(), null), "p"))
                .hasMessage("scaling.kubernetes.image: required");
        assertThatThrownBy(() -> new WorkerPodTemplate(with("a", "http://c", "Sometimes", null, Map.of(), Map.of(), List.of(), null), "p"))
                .hasMessageStartingWith("scaling.kubernetes.imagePullPolicy: must be Always, IfNotPresent or Never");
        assertThatThrownBy(() -> new WorkerPodTemplate(with("a", "http://c", null, "lots", Map.of(), Map.of(), List.of(), null), "p"))
                .hasMessageStartingWith("scaling.kubernetes.cpuRequest: not a Kubernetes quantity");
        assertThatThrownBy(() -> new WorkerPodTemplate(ok(), "no spaces"))
                .hasMessageStartingWith("scaling.pool: must be a Kubernetes label value");
        assertThatThrownBy(() -> new WorkerPodTemplate(with("a", "http://c", null, null, Map.of(), Map.of(),
                List.of(new Toleration("k", "Maybe", null, null, null)), null), "p"))
                .hasMessageStartingWith("scaling.kubernetes.tolerations[0].operator: must be Exists or Equal");
    }

    @Test
    void reservedLabelsAndVariablesCannotBeOverridden() {
        for (String key : List.of("app.kubernetes.io/name", "ado.io/pool", "app.kubernetes.io/managed-by")) {
            assertThatThrownBy(() -> new WorkerPodTemplate(with("a", "http://c", null, null, Map.of(key, "x"), Map.of(), List.of(), null), "p"))
                    .hasMessage("scaling.kubernetes.labels." + key + ": reserved (set by the spawner to find its pods)");
        }
        for (String name : List.of("ADO_JOIN_TOKEN", "ADO_CONTROLLER")) {
            assertThatThrownBy(() -> new WorkerPodTemplate(with("a", "http://c", null, null, Map.of(), Map.of(name, "x"), List.of(), null), "p"))
                    .hasMessage("scaling.kubernetes.env." + name + ": reserved (set by the spawner)");
        }
    }

    @Test
    void aNamedServiceAccountIsUsedAndItsTokenLeftToIt() {
        Pod p = new WorkerPodTemplate(with("a", "http://c", null, null, Map.of(), Map.of(), List.of(), "ado-worker"), "p")
                .pod(new SpawnRequest("w-1", "adojt_x", "p"), "ns");
        assertThat(p.getSpec().getServiceAccountName()).isEqualTo("ado-worker");
        assertThat(p.getSpec().getAutomountServiceAccountToken()).isNull();
    }
}
