package io.ado.controller.scaling;

import java.time.Duration;
import java.time.Instant;

/**
 * Seed 000 rules, pure over {@link ClusterMetrics} and {@code now}.
 * <ul>
 * <li>Demand first: fewer workers than {@code minWorkers}, the desired floor ({@code ado admin
 * scale}) or the largest {@code --workers N} group asks for adds the difference, up to
 * {@code maxWorkers}. These are requests, not guesses about load, so the cooldown does not hold them.
 * <li>Scale up when the queue is longer than {@code scaleUpQueueThreshold}, average utilization is
 * above {@code scaleUpUtilizationThreshold}, or no worker is idle while tasks wait: one worker per
 * threshold's worth of queue (at least one), less those already starting, never past {@code maxWorkers}.
 * <li>Scale down when utilization stayed below {@code scaleDownUtilizationThreshold} for
 * {@code scaleDownDelay}, nothing is queued or starting: every idle worker above the floor at
 * once (the seed leaves the count open; one a cooldown would take an hour to shed 50 workers).
 * <li>Nothing else happens while disabled or inside {@code cooldownPeriod} of the last change.
 * </ul>
 */
public record ScalingPolicy(ScalingSettings config) {

    /**
     * One evaluation: moves {@code lowUtilizationSince} (set when utilization first drops below the
     * scale-down threshold, cleared when it rises again) and decides with it.
     *
     * @param avgUtilization in percent, 0-100
     */
    public ScalingState evaluate(ScalingState before, int totalWorkers, int idleWorkers, double avgUtilization, int queueLength, Instant now) {
        return evaluate(before, new ClusterMetrics(totalWorkers, idleWorkers, avgUtilization, queueLength, null, before.lastScaleAt()), now);
    }

    /** As above, over full metrics; their {@code lowUtilizationSince} and {@code lastScaleAt} are taken from {@code before}. */
    public ScalingState evaluate(ScalingState before, ClusterMetrics m, Instant now) {
        Instant lowSince = m.avgUtilization() < config.scaleDownUtilizationThreshold()
                ? (before.lowUtilizationSince() == null ? now : before.lowUtilizationSince()) : null;
        ClusterMetrics seen = new ClusterMetrics(m.totalWorkers(), m.idleWorkers(), m.avgUtilization(), m.queueLength(), lowSince,
                before.lastScaleAt(), m.startingWorkers(), m.desiredFloor(), m.groupDemand());
        return before.decided(lowSince, plan(seen, now));
    }

    public ScalingPlan plan(ClusterMetrics m, Instant now) {
        if (!config.enabled()) return new ScalingPlan.None("scaling disabled");
        int floor = Math.max(config.minWorkers(), Math.min(m.desiredFloor(), config.maxWorkers()));
        int demand = Math.max(floor, Math.min(m.groupDemand(), config.maxWorkers()));
        if (m.totalWorkers() < demand) {
            String why = demand == m.groupDemand() && demand > floor ? "a --workers " + demand + " run needs " + demand + " workers"
                    : demand == config.minWorkers() ? "below minWorkers " + config.minWorkers() : "below the desired " + demand + " (ado admin scale)";
            return new ScalingPlan.ScaleUp(demand - m.totalWorkers(), why);
        }
        if (m.lastScaleAt() != null && Duration.between(m.lastScaleAt(), now).compareTo(config.cooldownPeriod()) < 0) {
            return new ScalingPlan.None("cooling down until " + m.lastScaleAt().plus(config.cooldownPeriod()));
        }
        String upReason = m.queueLength() > config.scaleUpQueueThreshold() ? "queue " + m.queueLength() + " > " + config.scaleUpQueueThreshold()
                : m.avgUtilization() > config.scaleUpUtilizationThreshold() ? "utilization " + m.avgUtilization() + "% > " + config.scaleUpUtilizationThreshold() + "%"
                : m.idleWorkers() == 0 && m.queueLength() > 0 ? "no idle worker and " + m.queueLength() + " queued"
                : null;
        if (upReason != null) {
            int room = config.maxWorkers() - m.totalWorkers();
            if (room <= 0) return new ScalingPlan.None(upReason + ", but at maxWorkers " + config.maxWorkers());
            int want = Math.max(1, (int) Math.ceil((double) m.queueLength() / Math.max(1, config.scaleUpQueueThreshold()))) - m.startingWorkers();
            if (want <= 0) return new ScalingPlan.None(upReason + ", " + m.startingWorkers() + " worker(s) starting");
            return new ScalingPlan.ScaleUp(Math.min(room, want), upReason);
        }
        boolean lowLongEnough = m.avgUtilization() < config.scaleDownUtilizationThreshold() && m.lowUtilizationSince() != null
                && Duration.between(m.lowUtilizationSince(), now).compareTo(config.scaleDownDelay()) >= 0;
        int surplus = Math.min(m.idleWorkers(), m.totalWorkers() - demand);
        if (lowLongEnough && m.queueLength() == 0 && m.startingWorkers() == 0 && surplus > 0) {
            return new ScalingPlan.ScaleDown(surplus, "utilization " + m.avgUtilization() + "% < " + config.scaleDownUtilizationThreshold()
                    + "% for " + config.scaleDownDelay().toSeconds() + "s");
        }
        return new ScalingPlan.None("within thresholds");
    }
}
