package io.ado.cli;

import io.ado.client.ApiClient;
import io.ado.protocol.OutputPage;
import io.ado.protocol.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ado logs ID [-f] [--tail N]}: stored output of a task, optionally followed live. */
@Command(name = "logs", description = "Print a task's output; -f follows it until the task ends.")
public final class LogsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Option(names = {"-f", "--follow"}, description = "keep following new output") boolean follow;
    @Option(names = "--tail", paramLabel = "N", description = "only the last N lines of what is stored") Integer tail;
    @Mixin ControllerOptions controller;

    @Override
    public Integer call() throws Exception {
        if (tail != null && tail < 0) throw new IllegalArgumentException("--tail: must not be negative");
        ApiClient api = controller.client();
        List<StreamMessage.Chunk> stored = new ArrayList<>();
        long next = 0;
        while (true) {
            OutputPage page = api.output(id, next, 1000);
            stored.addAll(page.chunks());
            if (page.chunks().isEmpty() || page.next() == next) break;
            next = page.next();
        }
        StringBuilder all = new StringBuilder();
        for (StreamMessage.Chunk c : stored) all.append(c.data());
        if (tail != null) {
            List<String> lines = all.toString().lines().toList();
            lines.subList(Math.max(0, lines.size() - tail), lines.size()).forEach(System.out::println);
        } else {
            System.out.print(all);
        }
        System.out.flush();
        if (!follow) return 0;
        return TaskFollower.follow(api, id, next, null, System.out, System.err);
    }
}
