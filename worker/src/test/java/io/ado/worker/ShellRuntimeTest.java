package io.ado.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.OutputStream;
import io.ado.protocol.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellRuntimeTest {
    @TempDir Path dir;
    record Piece(OutputStream stream, String data) {}
    final List<Piece> out = new CopyOnWriteArrayList<>();
    final OutputSink sink = (s, d) -> out.add(new Piece(s, d));

    String text(OutputStream s) { return String.join("", out.stream().filter(p -> p.stream() == s).map(Piece::data).toList()); }

    @Test
    void runsWithEnvAndCwdAndKeepsStreamsApart() throws Exception {
        TaskSpec spec = new TaskSpec("echo $GREETING; pwd; echo oops >&2; exit 4", "shell", null, Map.of("GREETING", "hi"), dir.toString(), null, null, null);
        Outcome o = new ShellRuntime().start(spec, Map.of(), sink).outcome().get(20, TimeUnit.SECONDS);
        assertThat(o).isEqualTo(Outcome.exited(4));
        assertThat(text(OutputStream.STDOUT)).isEqualTo("hi\n" + dir.toRealPath() + "\n");
        assertThat(text(OutputStream.STDERR)).isEqualTo("oops\n");
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        TaskSpec spec = new TaskSpec("sleep 60 & echo $! > " + pidFile + "; wait", "shell", null, null, null, 500L, null, null);
        Outcome o = new ShellRuntime().start(spec, Map.of(), sink).outcome().get(20, TimeUnit.SECONDS);
        assertThat(o.error()).isEqualTo("timeout after 500 ms");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void cancelKillsTheTreeAndSaysSo() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        RunningTask t = new ShellRuntime().start(TaskSpec.shell("sleep 60 & echo $! > " + pidFile + "; echo up; wait"), Map.of(), sink);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(OutputStream.STDOUT).contains("up"));
        long child = Long.parseLong(Files.readString(pidFile).trim());
        t.cancel();
        assertThat(t.outcome().get(10, TimeUnit.SECONDS).error()).isEqualTo("cancelled");
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void missingWorkingDirectoryIsAFailureNotACrash() throws Exception {
        TaskSpec spec = new TaskSpec("true", "shell", null, null, dir.resolve("nope").toString(), null, null, null);
        Outcome o = new ShellRuntime().start(spec, Map.of(), sink).outcome().get(10, TimeUnit.SECONDS);
        assertThat(o.isFailure()).isTrue();
        assertThat(o.error()).contains("cannot start");
    }
}
