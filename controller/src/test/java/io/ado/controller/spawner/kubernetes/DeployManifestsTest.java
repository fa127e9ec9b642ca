package io.ado.controller.spawner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code deploy/kubernetes/*.yaml}: every document parses as a fabric8 model object, and the pieces fit together. */
class DeployManifestsTest {
    static List<HasMetadata> all;

    @BeforeAll
    static void load() throws IOException {
        all = new ArrayList<>();
        try (Stream<Path> files = Files.list(RoleRules.DEPLOY)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) all.addAll(RoleRules.manifests(f));
        }
    }

    static <T extends HasMetadata> T one(Class<T> kind, String name) {
        return all.stream().filter(kind::isInstance).map(kind::cast).filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " in deploy/kubernetes"));
    }

    @Test
    void everyDocumentIsAKnownKindInTheAdoNamespace() {
        assertThat(all).hasSizeGreaterThanOrEqualTo(8).allSatisfy(o -> {
            assertThat(o).as("%s %s", o.getKind(), o.getMetadata().getName()).isNotInstanceOf(GenericKubernetesResource.class);
            if (!(o instanceof Namespace)) assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " " + o.getMetadata().getName()).isEqualTo("ado");
        });
        assertThat(all).as("nothing cluster-wide is granted").noneMatch(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding);
        assertThat(one(Namespace.class, "ado")).isNotNull();
    }

    @Test
    void theControllerRunsAsNonRootUnderItsServiceAccountWithTwoReplicas() throws IOException {
        Deployment d = one(Deployment.class, "ado-controller");
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isNotNull().isNotZero();
        Container c = pod.getContainers().getFirst();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getRunAsUser()).as("no container overrides the pod's user").isNull();
        assertThat(c.getArgs()).startsWith("controller").contains("--config", "/etc/ado/ado.config.yaml");
        assertThat(one(ServiceAccount.class, pod.getServiceAccountName())).isNotNull();
        RoleBinding rb = one(RoleBinding.class, "ado-worker-spawner");
        assertThat(rb.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(RoleRules.load("ado-worker-spawner").rules()).isNotEmpty();
        assertThat(rb.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(pod.getServiceAccountName());
            assertThat(s.getNamespace()).isEqualTo("ado");
        });
    }

    @Test
    void theControllersSecretsComeFromTheSecretAndItsConfigFromTheConfigMap() {
        PodSpec pod = one(Deployment.class, "ado-controller").getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().getFirst();
        Secret secret = one(Secret.class, "ado-secrets");
        for (String name : List.of("ADO_TOKEN", "ADO_STORE_PASSWORD")) {
            EnvVar v = c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
            assertThat(v.getValue()).as(name + " is no literal").isNull();
            assertThat(v.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ado-secrets");
            assertThat(secret.getStringData()).containsKey(v.getValueFrom().getSecretKeyRef().getKey());
        }
        String configMapName = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();
        ConfigMap cm = one(ConfigMap.class, configMapName);
        Map<String, Object> yaml = new KubernetesSerialization().unmarshal(cm.getData().get("ado.config.yaml"), Map.class);
        assertThat(path(yaml, "distributed", "controller", "scaling", "spawner")).isEqualTo("kubernetes");
        assertThat(path(yaml, "distributed", "controller", "scaling", "kubernetes", "controllerUrl")).isEqualTo("http://ado-controller:8080");
        assertThat(path(yaml, "distributed", "controller", "store", "state")).isEqualTo("postgres");
        assertThat(path(yaml, "distributed", "controller", "store", "events")).isEqualTo("redis");
    }

    @Test
    void theServiceSelectsTheControllerPodsAndThePortTheyListenOn() {
        Service s = one(Service.class, "ado-controller");
        Deployment d = one(Deployment.class, "ado-controller");
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(s.getSpec().getSelector());
        assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(s.getSpec().getSelector());
        assertThat(s.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().getFirst().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
    }

    @SuppressWarnings("unchecked")
    static Object path(Map<String, Object> m, String... keys) {
        Object at = m;
        for (String k : keys) at = at instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(k) : null;
        return at;
    }
}
