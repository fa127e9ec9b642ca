package io.ado.cli;

import io.ado.protocol.Json;
import io.ado.protocol.WorkerView;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ado workers status}: every registered worker with its state and load. */
@Command(name = "status", description = "List workers: status, running tasks, load, last heartbeat.")
public class WorkersStatusCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json") String output = "table";
    @Mixin ControllerOptions controller;

    @Override
    public Integer call() {
        if (!output.equals("table") && !output.equals("json")) throw new IllegalArgumentException("--output: must be table or json");
        List<WorkerView> workers = controller.client().workers();
        if (output.equals("json")) { System.out.println(Json.write(workers)); return 0; }
        Printer.table(System.out, List.of("ID", "STATUS", "RUNNING", "SLOTS", "CPU%", "MEM%", "SUCCESS", "HEARTBEAT", "CAPABILITIES"), workers.stream()
                .map(w -> List.of(w.id(), w.status().wireName(), Integer.toString(w.runningTasks().size()), Integer.toString(w.slots()),
                        String.format("%.0f", w.cpuPercent()), String.format("%.0f", w.memoryPercent()), String.format("%.0f%%", w.successRate() * 100),
                        Printer.ago(w.lastHeartbeat()), capabilities(w))).toList());
        return 0;
    }

    /** The capabilities, the container engine's name and version after {@code container} when the worker said which. */
    static String capabilities(WorkerView w) {
        String engine = w.metadata().get("containerEngine");
        return w.capabilities().stream().map(c -> c.equals("container") && engine != null
                ? c + "(" + engine + " " + w.metadata().getOrDefault("containerEngineVersion", "?") + ")" : c).collect(Collectors.joining(","));
    }
}
