package io.ado.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ado.controller.ControllerSettings;
import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.spawner.SpawnRequest;
import io.ado.controller.spawner.kubernetes.WorkerPodTemplate;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ado.config.yaml of {@code deploy/kubernetes/configmap.yaml} loads as the controller would load it, and its pod template is valid. */
class DeployConfigTest {
    @TempDir Path dir;

    static Path deployDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/kubernetes"))) return p.resolve("deploy/kubernetes");
        }
        throw new AssertionError("deploy/kubernetes not found");
    }

    @Test
    void theConfigMapsConfigurationLoadsAndMakesAWorkerPod() throws Exception {
        String yaml = null;
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(deployDir().resolve("configmap.yaml").toFile())) {
            while (docs.hasNext()) {
                JsonNode d = docs.next();
                if ("ConfigMap".equals(d.path("kind").asText()) && "ado-config".equals(d.path("metadata").path("name").asText())) {
                    yaml = d.path("data").path("ado.config.yaml").asText();
                }
            }
        }
        assertThat(yaml).as("ConfigMap ado-config with ado.config.yaml").isNotBlank();
        Path f = dir.resolve("ado.config.yaml");
        Files.writeString(f, yaml);
        // the Deployment's environment: secrets and the pod IP come from there, never from the file
        ControllerSettings c = ConfigLoader.load(f, true, Map.of("ADO_TOKEN", "0123456789abcdef0123", "ADO_STORE_PASSWORD", "pw"), List.of()).controller();
        assertThat(c.store().isPostgres()).isTrue();
        assertThat(c.store().isRedis()).isTrue();
        ScalingSettings s = c.scaling();
        assertThat(s.spawner()).isEqualTo("kubernetes");
        assertThat(s.kubernetes().controllerUrl()).isEqualTo("http://ado-controller:8080");
        Pod pod = new WorkerPodTemplate(s.kubernetes(), s.pool()).pod(new SpawnRequest("w-1", "adojt_x", s.pool()), "ado");
        assertThat(pod.getSpec().getContainers().getFirst().getImage()).isEqualTo(s.kubernetes().image());
        assertThat(pod.getMetadata().getLabels()).containsEntry("ado.io/pool", s.pool());
    }
}
