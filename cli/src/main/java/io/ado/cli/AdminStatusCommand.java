package io.ado.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ado.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ado admin status}: the controller, its counts, and the scaling manager: desired vs current vs starting, last decisions. */
@Command(name = "status", description = "Controller status: role, counts, scaling (desired/current/starting, recent decisions).")
public final class AdminStatusCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default) or json") String output = "text";
    @Mixin ControllerOptions controller;

    @Override
    public Integer call() throws Exception {
        if (!output.equals("text") && !output.equals("json")) throw new IllegalArgumentException("--output: must be text or json");
        String body = controller.client().adminStatus();
        if (output.equals("json")) { System.out.println(body); return 0; }
        JsonNode s = Json.MAPPER.readTree(body);
        System.out.printf("controller  %s (%s), leader %s, up %ds%n", s.path("status").asText(), s.path("role").asText(), s.path("leader").asText(),
                s.path("uptimeMs").asLong() / 1000);
        System.out.printf("tasks       %d unfinished, %d queued; %d workers registered%n", s.path("unfinishedTasks").asInt(), s.path("queued").asInt(),
                s.path("workers").asInt());
        JsonNode sc = s.path("scaling");
        if (sc.isMissingNode() || sc.isNull()) return 0;
        System.out.printf("scaling     spawner %s, %s; min %d, max %d%s%n", sc.path("spawner").asText(), sc.path("enabled").asBoolean() ? "enabled" : "disabled",
                sc.path("minWorkers").asInt(), sc.path("maxWorkers").asInt(),
                sc.path("desiredFloor").asInt() > 0 ? ", floor " + sc.path("desiredFloor").asInt() + " (ado admin scale)" : "");
        System.out.printf("pool        desired %d, current %d, starting %d, retiring %d%n", sc.path("desired").asInt(), sc.path("current").asInt(),
                sc.path("starting").asInt(), sc.path("retiring").asInt());
        System.out.println("decision    " + sc.path("lastDecision").asText());
        if (!sc.path("backoffUntil").isNull() && !sc.path("backoffUntil").isMissingNode()) {
            System.out.println("backoff     spawning resumes " + Printer.ago(sc.path("backoffUntil").asLong()).replace(" ago", "") + " from now");
        }
        if (sc.hasNonNull("lastSpawnFailure")) System.out.println("failed      " + sc.path("lastSpawnFailure").asText());
        if (sc.hasNonNull("inventoryError")) System.out.println("inventory   " + sc.path("inventoryError").asText());
        List<List<String>> starting = new ArrayList<>();
        for (JsonNode w : sc.path("startingWorkers")) {
            starting.add(List.of(w.path("workerId").asText(), Printer.ago(w.path("since").asLong()), w.hasNonNull("detail") ? w.path("detail").asText() : "-"));
        }
        if (!starting.isEmpty()) {
            System.out.println();
            Printer.table(System.out, List.of("STARTING", "SINCE", "DETAIL"), starting);
        }
        List<List<String>> decisions = new ArrayList<>();
        for (JsonNode d : sc.path("decisions")) {
            decisions.add(List.of(Printer.ago(d.path("at").asLong()), d.path("action").asText(), d.path("requested").asText(),
                    d.path("done").asText(), d.path("failed").asText(), d.path("reason").asText()));
        }
        if (!decisions.isEmpty()) {
            System.out.println();
            Printer.table(System.out, List.of("WHEN", "ACTION", "REQUESTED", "DONE", "FAILED", "REASON"), decisions);
        }
        return 0;
    }
}
