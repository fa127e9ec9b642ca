package io.ado.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ado admin ...}: the controller's administration; {@code token} for now. */
@Command(name = "admin", description = "Administer the controller.", subcommands = AdminTokenCommand.class)
public final class AdminCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}
