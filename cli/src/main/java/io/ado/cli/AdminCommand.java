package io.ado.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ado admin ...}: the controller itself: its status and the scaling floor. */
@Command(name = "admin", description = "Controller status and scaling.", subcommands = {AdminStatusCommand.class, AdminScaleCommand.class})
public final class AdminCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }
}
