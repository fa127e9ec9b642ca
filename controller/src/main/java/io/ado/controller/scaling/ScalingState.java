package io.ado.controller.scaling;

import java.time.Instant;

/**
 * What the scaling manager remembers between evaluations: since when utilization has been low
 * (null while it is not), the last decision with its reason, when workers were last added or
 * removed (null: never; starts the cooldown), and the {@link PoolLedger} of the workers it is
 * starting and retiring. Moved on every evaluation, not when someone reads it.
 */
public record ScalingState(Instant lowUtilizationSince, ScalingPlan lastDecision, Instant lastScaleAt, PoolLedger pool) {
    public static final ScalingState INITIAL = new ScalingState(null, new ScalingPlan.None("not evaluated yet"), null, PoolLedger.EMPTY);

    public ScalingState(Instant lowUtilizationSince, ScalingPlan lastDecision, Instant lastScaleAt) {
        this(lowUtilizationSince, lastDecision, lastScaleAt, PoolLedger.EMPTY);
    }

    ScalingState decided(Instant lowSince, ScalingPlan plan) { return new ScalingState(lowSince, plan, lastScaleAt, pool); }

    /** Workers were added or removed at {@code at}: the cooldown starts. */
    public ScalingState scaledAt(Instant at) { return new ScalingState(lowUtilizationSince, lastDecision, at, pool); }

    public ScalingState withDecision(ScalingPlan plan) { return new ScalingState(lowUtilizationSince, plan, lastScaleAt, pool); }

    public ScalingState withPool(PoolLedger ledger) { return new ScalingState(lowUtilizationSince, lastDecision, lastScaleAt, ledger); }
}
