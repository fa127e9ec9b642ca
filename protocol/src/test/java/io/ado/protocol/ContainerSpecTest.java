package io.ado.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container fields of {@link TaskSpec}: optional on the wire, checked with a reason that names the field. */
class ContainerSpecTest {
    @Test
    void anImageMakesAContainerTaskThatNeedsTheContainerCapability() {
        TaskSpec s = Json.read("{\"command\":\"echo hi\",\"image\":\"local/busybox\",\"cpus\":0.5,\"memory\":\"64m\",\"pull\":\"never\"}", TaskSpec.class);
        assertThat(s.runtime()).isEqualTo("container");
        assertThat(s.requiredCapabilities()).containsExactly("container");
        assertThat(s.memoryBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(s.pullPolicy()).isEqualTo(PullPolicy.NEVER);
        assertThat(Json.read(Json.write(s), TaskSpec.class)).isEqualTo(s);
        assertThat(Json.write(s)).contains("\"pull\":\"never\"").contains("\"memory\":\"64m\"");
        assertThat(TaskSpec.container("true", "alpine").pullPolicy()).isEqualTo(PullPolicy.IF_NOT_PRESENT);
        assertThat(TaskSpec.container("true", "alpine").withEnv(Map.of("A", "1")).requiredCapabilities()).containsExactly("container");
    }

    @Test
    void olderSpecsStillReadAndShellSpecsWriteNoContainerFields() {
        TaskSpec old = Json.read("{\"command\":\"x\",\"runtime\":\"shell\",\"env\":{},\"capabilities\":[\"gpu\"]}", TaskSpec.class);
        assertThat(old.image()).isNull();
        assertThat(old.requiredCapabilities()).containsExactly("shell", "gpu");
        assertThat(Json.write(TaskSpec.shell("x"))).doesNotContain("image").doesNotContain("cpus").doesNotContain("memory").doesNotContain("pull");
    }

    @Test
    void badContainerFieldsAreRefusedByName() {
        assertThatThrownBy(() -> spec("\"runtime\":\"container\"")).hasMessage("image: required when runtime is container");
        assertThatThrownBy(() -> spec("\"image\":\" \"")).hasMessage("image: required when runtime is container");
        assertThatThrownBy(() -> spec("\"image\":\"local/busy box\"")).hasMessageStartingWith("image: must not contain spaces");
        assertThatThrownBy(() -> spec("\"image\":\"" + "a".repeat(513) + "\"")).hasMessage("image: longer than 512 characters");
        assertThatThrownBy(() -> spec("\"runtime\":\"shell\",\"image\":\"alpine\"")).hasMessageStartingWith("image: only for container tasks");
        assertThatThrownBy(() -> spec("\"cpus\":1")).hasMessageStartingWith("cpus: only for container tasks");
        assertThatThrownBy(() -> spec("\"memory\":\"1g\"")).hasMessageStartingWith("memory: only for container tasks");
        assertThatThrownBy(() -> spec("\"pull\":\"never\"")).hasMessageStartingWith("pull: only for container tasks");
        assertThatThrownBy(() -> spec("\"image\":\"alpine\",\"cpus\":0")).hasMessage("cpus: must be 0.01..1024, not 0.0");
        assertThatThrownBy(() -> spec("\"image\":\"alpine\",\"cpus\":2000")).hasMessage("cpus: must be 0.01..1024, not 2000.0");
        assertThatThrownBy(() -> spec("\"image\":\"alpine\",\"memory\":\"lots\"")).hasMessageStartingWith("memory: must be a size like 512m");
        assertThatThrownBy(() -> spec("\"image\":\"alpine\",\"memory\":\"1m\"")).hasMessage("memory: must be at least 6m, not '1m'");
        assertThatThrownBy(() -> spec("\"image\":\"alpine\",\"agent\":\"claude-code\"")).hasMessage("agent: not with runtime container");
        assertThatThrownBy(() -> spec("\"image\":\"alpine\",\"pull\":\"sometimes\"")).hasMessageContaining("sometimes");
        assertThatThrownBy(() -> spec("\"runtime\":\"docker\"")).hasMessage("runtime: must be shell, agent or container, not 'docker'");
    }

    @Test
    void memorySizesAreDockersBinaryUnits() {
        assertThat(MemorySize.parseBytes("512m")).isEqualTo(512L << 20);
        assertThat(MemorySize.parseBytes("1.5g")).isEqualTo(3L << 29);
        assertThat(MemorySize.parseBytes("64MiB")).isEqualTo(64L << 20);
        assertThat(MemorySize.parseBytes("8192k")).isEqualTo(8L << 20);
        assertThat(MemorySize.parseBytes("10485760")).isEqualTo(10L << 20);
        assertThat(MemorySize.parseBytes("1t")).isEqualTo(1L << 40);
        assertThatThrownBy(() -> MemorySize.parseBytes("-5m")).hasMessageStartingWith("memory: must be a size");
        assertThatThrownBy(() -> MemorySize.parseBytes("99999999999t")).hasMessageStartingWith("memory: too large");
        assertThat(PullPolicy.parse("if-not-present")).isEqualTo(PullPolicy.IF_NOT_PRESENT);
        assertThatThrownBy(() -> PullPolicy.parse("missing")).hasMessage("pull: must be always, if-not-present or never, not 'missing'");
        assertThat(List.of(PullPolicy.values()).stream().map(PullPolicy::wireName)).containsExactly("always", "if-not-present", "never");
    }

    private static TaskSpec spec(String fields) { return Json.read("{\"command\":\"x\"," + fields + "}", TaskSpec.class); }
}
