package io.ado.cli;

import io.ado.protocol.TaskView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ado cancel ID}: stop a task wherever it is; its process tree is killed. */
@Command(name = "cancel", description = "Cancel a pending or running task.")
public final class CancelCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Mixin ControllerOptions controller;

    @Override
    public Integer call() {
        TaskView t = controller.client().cancel(id);
        System.out.println(t.id() + " " + t.status().wireName());
        return 0;
    }
}
