package io.ado.bench.spine;

import io.ado.protocol.Json;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskView;
import io.ado.protocol.WorkerView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scaling manager with the local spawner, end to end: a controller from the product jar with
 * an empty pool (minWorkers 0, maxWorkers 4, spawner local), a burst of 50 one-second tasks, and
 * the figures: how long until 4 spawned workers had registered, how long from the burst until the
 * first spawn was decided, and the tasks/s of the burst. Times are the controller's own stamps
 * (decision and registration times) against the submit time, on one machine's clock.
 */
public final class ScalingBench {
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 1 && args[0].equals("--controller-jar") ? args[1] : "cli/target/ado.jar");
        Path data = Files.createTempDirectory("ado-scaling-bench");
        Path config = data.resolve("ado.config.yaml");
        Files.writeString(config, """
                distributed:
                  controller:
                    scaling:
                      minWorkers: 0
                      maxWorkers: 4
                      cooldownPeriod: 1s
                      scaleDownDelay: 5s
                      spawner: local
                      pool: bench
                      local:
                        slots: 4
                        logs: %s
                """.formatted(data.resolve("logs")));
        System.out.println("# scaling bench: controller-jar=" + jar + " data=" + data);
        try (ControllerUnderTest c = ControllerUnderTest.start(jar, data, BenchBackends.embedded(), List.of("--config", config.toString()))) {
            BenchClient api = new BenchClient(c.url());
            BenchClient.waitFor(() -> scaling(api).get("inventoryKnown") == Boolean.TRUE, Duration.ofSeconds(30), "the spawner's first inventory");
            List<TaskSpec> burst = new ArrayList<>();
            for (int i = 0; i < 50; i++) burst.add(TaskSpec.shell("sleep 1"));
            long t0 = System.currentTimeMillis();
            List<?> created = Json.read(api.post("/api/v1/tasks", Json.write(burst)), List.class);
            BenchClient.waitFor(() -> workers(api).size() >= 4, Duration.ofSeconds(60), "4 registered workers");
            long registered = workers(api).stream().mapToLong(WorkerView::registeredAt).max().orElseThrow();
            BenchClient.waitFor(() -> finished(api, created), Duration.ofSeconds(120), "the burst to finish");
            long done = System.currentTimeMillis();
            long decided = decisions(api).stream().filter(d -> "scale_up".equals(d.get("action"))).mapToLong(d -> ((Number) d.get("at")).longValue())
                    .filter(at -> at >= t0).min().orElseThrow(() -> new IllegalStateException("bench: no scale-up decision after the burst"));
            BenchClient.print("scaling_burst_to_workers_registered", registered - t0, "ms");
            BenchClient.print("scaling_reaction", decided - t0, "ms");
            BenchClient.print("scaling_burst_tasks_per_s", 50_000.0 / (done - t0), "tasks/s");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scaling(BenchClient api) throws Exception {
        return (Map<String, Object>) Json.read(api.get("/api/v1/admin/status"), Map.class).get("scaling");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> decisions(BenchClient api) throws Exception { return (List<Map<String, Object>>) scaling(api).get("decisions"); }

    private static List<WorkerView> workers(BenchClient api) throws Exception { return List.of(Json.read(api.get("/api/v1/workers"), WorkerView[].class)); }

    private static boolean finished(BenchClient api, List<?> created) throws Exception {
        for (Object o : created) {
            String id = (String) ((Map<?, ?>) o).get("id");
            if (!Json.read(api.get("/api/v1/tasks/" + id), TaskView.class).status().isTerminal()) return false;
        }
        return true;
    }
}
