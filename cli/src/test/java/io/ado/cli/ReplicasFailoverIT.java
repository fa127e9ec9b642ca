package io.ado.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code ado controller} processes on one PostgreSQL schema and one Redis prefix, two
 * real workers given both URLs. Tasks are submitted and attached through the standby; the
 * leader is killed with SIGKILL mid-run; the standby takes over and every task completes once.
 */
class ReplicasFailoverIT {
    static final int TASKS = 6;
    static final int LINES = 15;

    @TempDir Path dir;

    static String[] args(List<String> base, List<String> more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(more);
        return all.toArray(String[]::new);
    }

    @Test
    void killDashNineOfTheLeaderLosesNoTaskNoLineAndRunsNothingTwice() throws Exception {
        Path runs = dir.resolve("runs");
        try (SharedServers servers = new SharedServers();
             Ado.Started a = Ado.start(args(List.of("controller", "--port", "0"), servers.controllerFlags()));
             Ado.Started b = Ado.start(args(List.of("controller", "--port", "0"), servers.controllerFlags()))) {
            assertThat(servers.query("SELECT url FROM leases WHERE name='controller'")).containsExactly(a.url()); // a started first: a leads
            String both = b.url() + "," + a.url(); // the standby first: it refuses and the workers move on to the leader
            try (Ado.Started w1 = Ado.start("worker", "--controller", both, "--id", "rw1", "--slots", "4");
                 Ado.Started w2 = Ado.start("worker", "--controller", both, "--id", "rw2", "--slots", "4")) {
                // Progress is polled in the database (cheap); the CLI is used where the replicas are what is tested.
                await().atMost(Duration.ofSeconds(30)).until(() -> servers.query("SELECT COUNT(*) FROM workers").equals(List.of("2")));
                assertThat(Ado.run(b.url(), "workers", "status").out()).contains("rw1", "rw2"); // forwarded to the leader
                String script = "echo $ADO_TASK_ID $ADO_ATTEMPT >> " + runs + "; for i in $(seq 1 " + LINES + "); do echo line$i; sleep 0.3; done";
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < TASKS; i++) ids.add(Ado.run(b.url(), "run", script, "--remote", "--detach").out().trim());
                CompletableFuture<Ado.Result> attach = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Ado.run(b.url(), "attach", ids.getFirst());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, r -> Thread.ofVirtual().start(r));
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        servers.query("SELECT COUNT(DISTINCT task_id) FROM output_chunks WHERE seq >= 1").equals(List.of(Integer.toString(TASKS))));

                a.process().destroyForcibly().waitFor(); // SIGKILL of the leader, every task mid-run
                long killed = System.nanoTime();
                await().atMost(Duration.ofSeconds(10)).until(() -> servers.query("SELECT url FROM leases WHERE name='controller'").equals(List.of(b.url())));
                long takeoverMs = (System.nanoTime() - killed) / 1_000_000;
                assertThat(takeoverMs).as("takeover within TTL + renew interval + slack").isLessThan(4_000);

                await().atMost(Duration.ofSeconds(60)).until(() ->
                        servers.query("SELECT COUNT(*) FROM tasks WHERE status IN ('COMPLETED','FAILED','CANCELLED')").equals(List.of(Integer.toString(TASKS))));
                assertThat(Ado.run(b.url(), "ps", "--task", ids.getLast()).out()).contains("completed").contains("ATTEMPTS:  1");
                Ado.Result attached = attach.get(60, TimeUnit.SECONDS);
                StringBuilder expected = new StringBuilder();
                for (int i = 1; i <= LINES; i++) expected.append("line").append(i).append('\n');
                assertThat(attached.exit()).as(attached.err()).isZero();
                assertThat(attached.out()).isEqualTo(expected.toString()); // live through the standby, nothing lost or doubled

                // Exactly once: one run per task on the workers, one attempt each, completed; every line stored once.
                List<String> ran = Files.readAllLines(runs);
                assertThat(ran).hasSize(TASKS).doesNotHaveDuplicates().allSatisfy(l -> assertThat(l).endsWith(" 1"));
                assertThat(servers.query("SELECT status, COUNT(*) FROM tasks GROUP BY status")).containsExactly("COMPLETED " + TASKS);
                assertThat(servers.query("SELECT status, COUNT(*) FROM attempts GROUP BY status")).containsExactly("COMPLETED " + TASKS);
                // A chunk may carry several lines; what counts is the stored text, and no worker chunk stored twice.
                assertThat(servers.query("SELECT COUNT(*) - COUNT(DISTINCT worker_seq) FROM output_chunks GROUP BY task_id"))
                        .hasSize(TASKS).containsOnly("0");
                assertThat(servers.query("SELECT string_agg(data, '' ORDER BY seq) FROM output_chunks GROUP BY task_id"))
                        .hasSize(TASKS).containsOnly(expected.toString());
                assertThat(Ado.run(b.url(), "logs", ids.getLast()).out()).isEqualTo(expected.toString());
            }
        }
    }
}
