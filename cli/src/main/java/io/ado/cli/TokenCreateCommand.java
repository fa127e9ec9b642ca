package io.ado.cli;

import io.ado.protocol.JoinTokenGrant;
import io.ado.protocol.Json;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ado admin token create --worker ID [--ttl 1h]}: mints a single-use join token bound to
 * one worker id and prints it (only the token on stdout, so that
 * {@code ADO_JOIN_TOKEN=$(ado admin token create --worker w1)} works). The controller keeps only
 * its hash: it is shown this once.
 */
@Command(name = "create", description = "Mint a single-use join token for one worker id and print it (shown once).")
public final class TokenCreateCommand implements Callable<Integer> {
    @Option(names = "--worker", required = true, paramLabel = "ID", description = "the worker id the token is bound to") String worker;
    @Option(names = "--ttl", paramLabel = "D", description = "how long it stays good, e.g. 30m, 1h, 7d (default: the controller's security.joinTokenTtl)") String ttl;
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "token (default) or json") String output = "token";
    @Mixin ControllerOptions controller;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!output.equals("token") && !output.equals("json")) throw new IllegalArgumentException("--output: must be token or json");
        JoinTokenGrant g = controller.client().createJoinToken(worker, ttl);
        if (output.equals("json")) {
            spec.commandLine().getOut().println(Json.write(g));
        } else {
            spec.commandLine().getOut().println(g.token());
            spec.commandLine().getErr().println("join token for worker " + g.workerId() + ": single-use, expires " + Instant.ofEpochMilli(g.expiresAt())
                    + "; start it with ADO_JOIN_TOKEN set to it (never on the command line)");
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
