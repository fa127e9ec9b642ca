package io.ado.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.protocol.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent providers come from config; a fake agent script stands in for claude/gemini. */
class AgentRuntimeTest {
    @TempDir Path dir;

    @Test
    void promptIsOneArgumentOfTheConfiguredCommand() throws Exception {
        Path fake = dir.resolve("fake-agent");
        Files.writeString(fake, "#!/bin/sh\necho \"agent got [$2] via $1 in task $ADO_TASK_ID\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        AgentRuntime rt = new AgentRuntime(Map.of("fake", List.of(fake.toString(), "-p", "{prompt}")));
        StringBuilder out = new StringBuilder();
        TaskSpec spec = new TaskSpec("fix the bug; rm -rf /", "agent", "fake", null, null, null, null, null);
        Outcome o = rt.start(spec, Map.of("ADO_TASK_ID", "t9"), (s, d) -> out.append(d)).outcome().get(20, TimeUnit.SECONDS);
        assertThat(o).isEqualTo(Outcome.exited(0));
        assertThat(out.toString()).isEqualTo("agent got [fix the bug; rm -rf /] via -p in task t9\n");
    }

    @Test
    void unknownProviderFailsWithTheKnownOnes() throws Exception {
        AgentRuntime rt = new AgentRuntime(Map.of("claude-code", List.of("claude", "-p", "{prompt}")));
        Outcome o = rt.start(new TaskSpec("x", "agent", "gemini-cli", null, null, null, null, null), Map.of(), (s, d) -> {}).outcome().get();
        assertThat(o.error()).contains("gemini-cli").contains("claude-code");
    }
}
