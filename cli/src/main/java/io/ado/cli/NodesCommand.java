package io.ado.cli;

import picocli.CommandLine.Command;

/** {@code ado nodes}: Podling's name for {@code ado workers status}. */
@Command(name = "nodes", description = "Alias of `ado workers status`.")
public final class NodesCommand extends WorkersStatusCommand {}
