package io.ado.controller.scaling;

import java.time.Duration;
import java.time.Instant;

/**
 * Seed 000 rules. Scale up when the queue is longer than {@code scaleUpQueueThreshold}, average
 * utilization is above {@code scaleUpUtilizationThreshold}, or no worker is idle while tasks
 * wait; by one worker per threshold's worth of queue, at least one, never past {@code maxWorkers}.
 * Scale down by one when utilization stayed below {@code scaleDownUtilizationThreshold} for
 * {@code scaleDownDelay}, nothing is queued and there are more than {@code minWorkers}.
 * Nothing happens while disabled or inside {@code cooldownPeriod} of the last change.
 */
public record ScalingPolicy(ScalingSettings config) {

    /**
     * One evaluation: moves {@code lowUtilizationSince} (set when utilization first drops below the
     * scale-down threshold, cleared when it rises again) and decides with it.
     *
     * @param avgUtilization in percent, 0-100
     */
    public ScalingState evaluate(ScalingState before, int totalWorkers, int idleWorkers, double avgUtilization, int queueLength, Instant now) {
        Instant lowSince = avgUtilization < config.scaleDownUtilizationThreshold()
                ? (before.lowUtilizationSince() == null ? now : before.lowUtilizationSince()) : null;
        ClusterMetrics m = new ClusterMetrics(totalWorkers, idleWorkers, avgUtilization, queueLength, lowSince, before.lastScaleAt());
        return new ScalingState(lowSince, plan(m, now), before.lastScaleAt());
    }

    public ScalingPlan plan(ClusterMetrics m, Instant now) {
        if (!config.enabled()) return new ScalingPlan.None("scaling disabled");
        if (m.lastScaleAt() != null && Duration.between(m.lastScaleAt(), now).compareTo(config.cooldownPeriod()) < 0) {
            return new ScalingPlan.None("cooling down until " + m.lastScaleAt().plus(config.cooldownPeriod()));
        }
        if (m.totalWorkers() < config.minWorkers()) {
            return new ScalingPlan.ScaleUp(config.minWorkers() - m.totalWorkers(), "below minWorkers " + config.minWorkers());
        }
        String upReason = m.queueLength() > config.scaleUpQueueThreshold() ? "queue " + m.queueLength() + " > " + config.scaleUpQueueThreshold()
                : m.avgUtilization() > config.scaleUpUtilizationThreshold() ? "utilization " + m.avgUtilization() + "% > " + config.scaleUpUtilizationThreshold() + "%"
                : m.idleWorkers() == 0 && m.queueLength() > 0 ? "no idle worker and " + m.queueLength() + " queued"
                : null;
        if (upReason != null) {
            int room = config.maxWorkers() - m.totalWorkers();
            if (room <= 0) return new ScalingPlan.None(upReason + ", but at maxWorkers " + config.maxWorkers());
            int want = Math.max(1, (int) Math.ceil((double) m.queueLength() / Math.max(1, config.scaleUpQueueThreshold())));
            return new ScalingPlan.ScaleUp(Math.min(room, want), upReason);
        }
        boolean lowLongEnough = m.avgUtilization() < config.scaleDownUtilizationThreshold() && m.lowUtilizationSince() != null
                && Duration.between(m.lowUtilizationSince(), now).compareTo(config.scaleDownDelay()) >= 0;
        if (lowLongEnough && m.queueLength() == 0 && m.totalWorkers() > config.minWorkers()) {
            return new ScalingPlan.ScaleDown(1, "utilization " + m.avgUtilization() + "% < " + config.scaleDownUtilizationThreshold()
                    + "% for " + config.scaleDownDelay().toSeconds() + "s");
        }
        return new ScalingPlan.None("within thresholds");
    }
}
