package io.ado.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ado admin scale N}: keep at least N workers until {@code ado admin scale --clear}. */
@Command(name = "scale", description = "Keep at least N workers (the scaling manager spawns them); --clear removes the floor.")
public final class AdminScaleCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "workers to keep at least") Integer workers;
    @Option(names = "--clear", description = "remove the floor set earlier") boolean clear;
    @Mixin ControllerOptions controller;

    @Override
    public Integer call() {
        if (clear == (workers != null)) throw new IllegalArgumentException("give either N or --clear");
        if (workers != null && workers < 0) throw new IllegalArgumentException("N: must be >= 0");
        controller.client().scale(clear ? null : workers);
        System.out.println(clear ? "scaling floor cleared" : "keeping at least " + workers + " worker(s)");
        return 0;
    }
}
