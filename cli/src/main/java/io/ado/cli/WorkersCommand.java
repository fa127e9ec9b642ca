package io.ado.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ado workers ...}: worker management; {@code status} for now. */
@Command(name = "workers", description = "Inspect workers.", subcommands = WorkersStatusCommand.class)
public final class WorkersCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }
}
