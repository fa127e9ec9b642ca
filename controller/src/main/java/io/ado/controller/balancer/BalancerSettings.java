package io.ado.controller.balancer;

import java.time.Duration;

/** Seed 000 {@code loadBalancer.*}. */
public record BalancerSettings(String strategy, Duration rebalanceInterval, int maxTasksPerWorker) {
    public static final BalancerSettings DEFAULTS = new BalancerSettings("weighted_round_robin", Duration.ofSeconds(30), 5);

    public BalancerSettings {
        if (!strategy.equals("weighted_round_robin")) throw new IllegalArgumentException("strategy: only weighted_round_robin is supported");
        if (maxTasksPerWorker < 1) throw new IllegalArgumentException("maxTasksPerWorker: must be at least 1");
    }
}
