package io.ado.controller.scaling;

/** The scaling decision: add or remove {@code count} workers, or nothing, each with its reason. */
public sealed interface ScalingPlan {
    String reason();

    record ScaleUp(int count, String reason) implements ScalingPlan {}

    record ScaleDown(int count, String reason) implements ScalingPlan {}

    record None(String reason) implements ScalingPlan {}
}
