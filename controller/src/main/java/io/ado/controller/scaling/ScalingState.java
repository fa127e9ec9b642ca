package io.ado.controller.scaling;

import java.time.Instant;

/**
 * What the scaling manager remembers between evaluations: since when utilization has been low
 * (null while it is not), the last decision with its reason, and when workers were last added or
 * removed (null: never; nothing acts on the decisions yet). Moved on every evaluation, not when
 * someone reads it.
 */
public record ScalingState(Instant lowUtilizationSince, ScalingPlan lastDecision, Instant lastScaleAt) {
    public static final ScalingState INITIAL = new ScalingState(null, new ScalingPlan.None("not evaluated yet"), null);
}
