package io.ado.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ado admin ...}: the controller itself: its status, the scaling floor, join tokens. */
@Command(name = "admin", description = "Controller status, scaling and join tokens.",
        subcommands = {AdminStatusCommand.class, AdminScaleCommand.class, AdminTokenCommand.class})
public final class AdminCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}
