package io.ado.cli;

import io.ado.client.ApiClient;
import io.ado.protocol.AttemptView;
import io.ado.protocol.Json;
import io.ado.protocol.TaskView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ado ps}: unfinished tasks, {@code --all} for every task, {@code --task ID} for one with its
 * attempts (and, while it is pending, why no worker takes it).
 */
@Command(name = "ps", description = "List tasks (unfinished unless --all), or show one with --task ID.")
public final class PsCommand implements Callable<Integer> {
    @Option(names = {"-a", "--all"}, description = "include finished tasks") boolean all;
    @Option(names = "--task", paramLabel = "ID", description = "details and attempts of one task") String task;
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json") String output = "table";
    @Mixin ControllerOptions controller;

    @Override
    public Integer call() {
        if (!output.equals("table") && !output.equals("json")) throw new IllegalArgumentException("--output: must be table or json");
        ApiClient api = controller.client();
        if (task != null) {
            TaskView t = api.task(task);
            if (output.equals("json")) { System.out.println(Json.write(t)); return 0; }
            System.out.printf("ID:        %s%nSTATUS:    %s%nCOMMAND:   %s%nWORKER:    %s%nEXIT CODE: %s%nERROR:     %s%nATTEMPTS:  %d (retries allowed: %d)%n",
                    t.id(), t.status().wireName(), t.spec().command(), Printer.orDash(t.workerId()), Printer.orDash(t.exitCode()),
                    Printer.orDash(t.error()), t.attempt(), t.maxRetries());
            if (t.pendingReason() != null) System.out.printf("WAITING:   %s%n", t.pendingReason());
            Printer.table(System.out, List.of("ATTEMPT", "WORKER", "STATUS", "EXIT", "ERROR"), t.attempts().stream()
                    .map((AttemptView a) -> List.of(Integer.toString(a.number()), a.workerId(), a.status().wireName(), Printer.orDash(a.exitCode()),
                            Printer.orDash(a.error()))).toList());
            return 0;
        }
        List<TaskView> tasks = api.tasks(all);
        if (output.equals("json")) { System.out.println(Json.write(tasks)); return 0; }
        Printer.table(System.out, List.of("ID", "STATUS", "ATTEMPT", "WORKER", "EXIT", "CREATED", "COMMAND"), tasks.stream()
                .map(t -> List.of(t.id(), t.status().wireName(), Integer.toString(t.attempt()), Printer.orDash(t.workerId()),
                        Printer.orDash(t.exitCode()), Printer.ago(t.createdAt()), abbreviate(t.spec().command()))).toList());
        return 0;
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 40 ? one : one.substring(0, 37) + "...";
    }
}
