package io.ado.cli;

import io.ado.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ado attach ID}: replay a task's output and follow it live to the end; exits with its exit code. */
@Command(name = "attach", description = "Show a task's output from the start (or --from SEQ) and follow it until it ends.")
public final class AttachCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Option(names = "--from", paramLabel = "SEQ", description = "resume from this sequence number") long from;
    @Mixin ControllerOptions controller;

    @Override
    public Integer call() throws Exception {
        ApiClient api = controller.client();
        api.task(id); // a clear "no task" error before opening the stream
        return TaskFollower.follow(api, id, from, null, System.out, System.err);
    }
}
