/**
 * The control plane: {@link io.ado.controller.plane.ControlPlane}, the one process that owns
 * workers and tasks, is a thin shell around the pure {@link io.ado.controller.plane.Reconciler}.
 * For each message the reconciler returns a {@link io.ado.controller.plane.Plan} (consulting the
 * pure policies of {@code registry}, {@code health}, {@code balancer} and {@code scaling}); the
 * shell makes its writes in the open batch and releases its effects after the commit.
 */
package io.ado.controller.plane;
