package io.ado.cli;

import io.ado.cli.config.ConfigException;
import io.ado.client.ApiClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ado}: run tasks locally or on a fleet of remote workers. */
@Command(name = "ado", mixinStandardHelpOptions = true, version = "ado 0.1.0",
        description = "Run tasks on remote workers with live output.",
        subcommands = {UpCommand.class, RunCommand.class, AttachCommand.class, LogsCommand.class, PsCommand.class,
                WorkersCommand.class, NodesCommand.class, CancelCommand.class, ControllerCommand.class, WorkerCommand.class, AdminCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) { System.exit(run(args)); }

    public static int run(String... args) { return commandLine().execute(args); }

    /** The {@code ado} command line with its error handling; tests set its out and err. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ApiClient.ApiError || e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("ado: " + e.getMessage());
                return 2;
            }
            if (e instanceof ControllerCommand.StartupFailed) {
                cmd.getErr().println("ado: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl;
    }
}
