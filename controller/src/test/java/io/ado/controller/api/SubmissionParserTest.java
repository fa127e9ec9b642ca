package io.ado.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.controller.plane.ApiException;
import io.ado.controller.plane.ControlPlane;
import io.ado.protocol.PullPolicy;
import io.ado.protocol.TaskSpec;
import org.junit.jupiter.api.Test;

/** Bad task specs get a 400 naming the field; a value of the wrong type is refused, not coerced. */
class SubmissionParserTest {
    static TaskSpec one(String json) { return ((ControlPlane.Submit) SubmissionParser.parse(json)).spec(); }

    static void refused(String json, String message) {
        assertThatThrownBy(() -> SubmissionParser.parse(json)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("bad_request");
        }).hasMessage(message);
    }

    @Test
    void aContainerTaskWithEveryFieldIsAccepted() {
        TaskSpec s = one("{\"command\":\"echo hi\",\"image\":\"local/busybox\",\"env\":{\"A\":\"1\"},\"cpus\":1.5,\"memory\":\"512m\",\"pull\":\"never\"}");
        assertThat(s.runtime()).isEqualTo("container");
        assertThat(s.cpus()).isEqualTo(1.5);
        assertThat(s.memoryBytes()).isEqualTo(512L << 20);
        assertThat(s.pull()).isEqualTo(PullPolicy.NEVER);
        assertThat(s.env()).containsEntry("A", "1");
        assertThat(one("{\"command\":\"x\",\"image\":\"alpine\",\"cpus\":2}").cpus()).isEqualTo(2.0); // a whole number is a number
    }

    @Test
    void wrongTypesOfTheContainerFieldsAreRefusedByName() {
        refused("{\"command\":\"x\",\"image\":5}", "invalid TaskSpec: image: must be a string");
        refused("{\"command\":\"x\",\"image\":[\"alpine\"]}", "invalid TaskSpec: image: must be a string");
        refused("{\"command\":\"x\",\"image\":\"alpine\",\"cpus\":\"2\"}", "invalid TaskSpec: cpus: must be a number");
        refused("{\"command\":\"x\",\"image\":\"alpine\",\"cpus\":true}", "invalid TaskSpec: cpus: must be a number");
        refused("{\"command\":\"x\",\"image\":\"alpine\",\"memory\":536870912}", "invalid TaskSpec: memory: must be a string");
        refused("{\"command\":\"x\",\"image\":\"alpine\",\"pull\":1}", "invalid TaskSpec: pull: must be one of always, if-not-present, never");
        refused("{\"command\":\"x\",\"image\":\"alpine\",\"pull\":\"sometimes\"}", "invalid TaskSpec: pull: must be one of always, if-not-present, never");
        refused("{\"command\":\"x\",\"image\":\"alpine\",\"env\":{\"A\":1}}", "invalid TaskSpec: env.A: must be a string");
        refused("{\"command\":\"x\",\"image\":\"alpine\",\"env\":\"A=1\"}", "invalid TaskSpec: env: must be an object");
    }

    @Test
    void badValuesOfTheContainerFieldsAreRefusedByName() {
        refused("{\"command\":\"x\",\"image\":\"alpine\",\"cpus\":0}", "invalid TaskSpec: cpus: must be 0.01..1024, not 0.0");
        refused("{\"command\":\"x\",\"image\":\"alpine\",\"memory\":\"2m\"}", "invalid TaskSpec: memory: must be at least 6m, not '2m'");
        refused("{\"command\":\"x\",\"image\":\"alpine\",\"memory\":\"big\"}",
                "invalid TaskSpec: memory: must be a size like 512m, 1g or 1048576 (bytes), not 'big'");
        refused("{\"command\":\"x\",\"image\":\"my image\"}", "invalid TaskSpec: image: must not contain spaces or control characters: 'my image'");
        refused("{\"command\":\"x\",\"runtime\":\"container\"}", "invalid TaskSpec: image: required when runtime is container");
        refused("{\"command\":\"x\",\"cpus\":1}", "invalid TaskSpec: cpus: only for container tasks (runtime container, with an image), not for runtime shell");
        refused("{\"command\":\"x\",\"runtime\":\"shell\",\"image\":\"alpine\"}",
                "invalid TaskSpec: image: only for container tasks (runtime container, with an image), not for runtime shell");
    }

    @Test
    void theOlderFieldsAreStrictToo() {
        refused("{\"command\":5}", "invalid TaskSpec: command: must be a string");
        refused("{\"command\":\"x\",\"timeoutMs\":\"30\"}", "invalid TaskSpec: timeoutMs: must be a whole number");
        refused("{\"command\":\"x\",\"retries\":1.5}", "invalid TaskSpec: retries: must be a whole number");
        refused("{\"command\":\"x\",\"cwd\":true}", "invalid TaskSpec: cwd: must be a string");
        refused("{\"command\":\"x\",\"capabilities\":[1]}", "invalid TaskSpec: capabilities[0]: must be a string");
        assertThatThrownBy(() -> SubmissionParser.parse("{\"command\":\"x\",\"bogus\":1}")).hasMessageContaining("bogus");
    }

    @Test
    void inATaskListTheElementIsNamed() {
        refused("[{\"command\":\"x\",\"image\":\"alpine\"},{\"command\":\"x\",\"image\":\"alpine\",\"cpus\":\"1\"}]",
                "invalid TaskSpec at [1]: cpus: must be a number");
        var all = (ControlPlane.SubmitAll) SubmissionParser.parse("[{\"command\":\"a\",\"image\":\"alpine\",\"memory\":\"1g\"},{\"command\":\"b\"}]");
        assertThat(all.specs()).extracting(TaskSpec::runtime).containsExactly("container", "shell");
    }
}
