package io.ado.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.worker.ContainerSettings;
import io.ado.worker.engine.ContainerConfig.Ulimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code worker.container.*}: the engine settings, with defaults that work on this project's machines, from the file, env and flags. */
class WorkerConfigTest {
    @TempDir Path dir;

    @Test
    void defaultsAreTheRuntimesOwn() {
        ContainerSettings c = ConfigLoader.load(null, false, Map.of(), List.of()).container();
        assertThat(c).isEqualTo(ContainerSettings.DEFAULTS);
        assertThat(c.ulimitList()).containsExactly(new Ulimit("nofile", 1024, 1024), new Ulimit("nproc", 4096, 4096));
        assertThat(c.host()).isNull();
    }

    @Test
    void fileThenEnvironmentThenFlags() throws Exception {
        Path f = Files.writeString(dir.resolve("ado.config.yaml"), """
                worker:
                  container:
                    host: unix:///run/podman/podman.sock
                    stopGrace: 2s
                    ulimits: {nofile: "2048:4096"}
                """);
        ContainerSettings c = ConfigLoader.load(f, true, Map.of("ADO_WORKER_CONTAINER_RUNTIME", "runc"),
                List.of("worker.container.creationGrace=30s", "worker.container.ulimits.nproc=100")).container();
        assertThat(c.host()).isEqualTo("unix:///run/podman/podman.sock");
        assertThat(c.stopGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.runtime()).isEqualTo("runc");
        assertThat(c.creationGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.ulimitList()).containsExactly(new Ulimit("nofile", 2048, 4096), new Ulimit("nproc", 100, 100));
    }

    @Test
    void badKeysAndValuesNameTheKey() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "worker: {container: {hots: x}}");
        assertThatThrownBy(() -> ConfigLoader.load(typo, true, Map.of(), List.of())).hasMessage(typo + ": worker.container.hots: unknown key");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of(), List.of("worker.container.host=ssh://me@box")))
                .hasMessage("--set: worker.container.host: must be unix:///path or tcp://host:port, not 'ssh://me@box'");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of("ADO_WORKER_CONTAINER_STOPGRACE", "soon"), List.of()))
                .hasMessageStartingWith("environment variable ADO_WORKER_CONTAINER_STOPGRACE: worker.container.stopGrace: ");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of("ADO_WORKER_CONTAINER_HOTS", "x"), List.of()))
                .hasMessage("environment: ADO_WORKER_CONTAINER_HOTS: unknown setting");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of(), List.of("worker.container.ulimits.nofile=lots")))
                .hasMessageContaining("ulimits.nofile: must be SOFT:HARD like 1024:1024, not 'lots'");
        assertThat(ConfigLoader.load(null, false, Map.of("ADO_WORKER_ID", "w1"), List.of()).container()).isEqualTo(ContainerSettings.DEFAULTS);
    }
}
