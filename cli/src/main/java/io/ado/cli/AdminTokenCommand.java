package io.ado.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ado admin token ...}: per-worker join tokens. */
@Command(name = "token", description = "Per-worker join tokens.", subcommands = TokenCreateCommand.class)
public final class AdminTokenCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}
