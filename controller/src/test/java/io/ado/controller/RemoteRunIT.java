package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.OutputStream;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Controller + workers in one JVM over real sockets on 127.0.0.1. */
class RemoteRunIT {
    @TempDir Path dir;
    LocalCluster cluster;

    @BeforeEach
    void up() throws Exception {
        cluster = new LocalCluster(dir);
        for (int i = 1; i <= 3; i++) cluster.addWorker("w" + i, 2);
    }

    @AfterEach
    void down() { cluster.close(); }

    @Test
    void echoStreamsHelloAndCompletes() throws Exception {
        String id = cluster.api.submit(TaskSpec.shell("echo hello"));
        TestApi.Stream s = cluster.api.stream(id, 0);
        await().atMost(Duration.ofSeconds(20)).until(s::ended);
        assertThat(s.text()).isEqualTo("hello\n");
        assertThat(s.messages.getLast()).isEqualTo(new StreamMessage.End(id, TaskStatus.COMPLETED, 0, null));
        TaskView t = cluster.api.task(id);
        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.attempts()).hasSize(1);
    }

    @Test
    void nonZeroExitFailsWithItsCodeAndStderrStaysApart() throws Exception {
        String id = cluster.api.submit(TaskSpec.shell("echo out; echo err >&2; exit 3"));
        TestApi.Stream s = cluster.api.stream(id, 0);
        await().atMost(Duration.ofSeconds(20)).until(s::ended);
        assertThat(s.messages.getLast()).isEqualTo(new StreamMessage.End(id, TaskStatus.FAILED, 3, "exit code 3"));
        assertThat(s.chunks()).anySatisfy(c -> { assertThat(c.stream()).isEqualTo(OutputStream.STDERR); assertThat(c.data()).isEqualTo("err\n"); });
        assertThat(s.chunks()).anySatisfy(c -> { assertThat(c.stream()).isEqualTo(OutputStream.STDOUT); assertThat(c.data()).isEqualTo("out\n"); });
    }

    @Test
    void attachSeesEveryLineInOrderAndResumesWithoutGap() throws Exception {
        String id = cluster.api.submit(TaskSpec.shell("for i in $(seq 1 40); do echo line$i; sleep 0.05; done"));
        TestApi.Stream first = cluster.api.stream(id, 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> first.chunks().size() >= 10);
        first.socket.abort("client went away");
        long last = first.chunks().getLast().seq();
        TestApi.Stream second = cluster.api.stream(id, last + 1);
        await().atMost(Duration.ofSeconds(30)).until(second::ended);

        List<StreamMessage.Chunk> all = new ArrayList<>(first.chunks().stream().filter(c -> c.seq() <= last).toList());
        all.addAll(second.chunks());
        List<Long> seqs = all.stream().map(StreamMessage.Chunk::seq).toList();
        assertThat(seqs).doesNotHaveDuplicates().isSorted();
        assertThat(seqs.getLast() - seqs.getFirst() + 1).isEqualTo(seqs.size()); // no gap
        String text = String.join("", all.stream().map(StreamMessage.Chunk::data).toList());
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 40; i++) expected.append("line").append(i).append('\n');
        assertThat(text).isEqualTo(expected.toString());

        TestApi.Stream late = cluster.api.stream(id, 0); // after the end: full replay then End
        await().atMost(Duration.ofSeconds(10)).until(late::ended);
        assertThat(late.text()).isEqualTo(expected.toString());
    }

    @Test
    void instancesOfOneGroupRunOnDistinctWorkers() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(cluster.api.submit(new TaskSpec("sleep 0.3; echo $ADO_WORKER_ID", "shell", null, null, null, null, null, null, "g1")));
        }
        for (String id : ids) await().atMost(Duration.ofSeconds(20)).until(() -> cluster.api.task(id).status() == TaskStatus.COMPLETED);
        List<String> workers = new ArrayList<>();
        for (String id : ids) workers.add(cluster.api.task(id).workerId());
        assertThat(workers).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void agentPromptRunsOnlyOnAWorkerWithThatProvider() throws Exception {
        Path fake = dir.resolve("fake-claude");
        Files.writeString(fake, "#!/bin/sh\necho \"claude says: $2\"\n");
        fake.toFile().setExecutable(true);
        var agentWorker = cluster.startWorker("with-agent", 1, null, Map.of("claude-code", List.of(fake.toString(), "-p", "{prompt}")));
        assertThat(agentWorker.awaitRegistered(Duration.ofSeconds(10))).isTrue();
        String id = cluster.api.submit(new TaskSpec("explain this repo", "agent", "claude-code", null, null, null, null, null));
        TestApi.Stream s = cluster.api.stream(id, 0);
        await().atMost(Duration.ofSeconds(20)).until(s::ended);
        assertThat(s.text()).isEqualTo("claude says: explain this repo\n");
        assertThat(cluster.api.task(id).workerId()).isEqualTo("with-agent");
    }
}
