/**
 * The distributed controller of seed 000. {@link io.ado.controller.ControlPlane} is the one
 * runtime process that owns workers and tasks and applies the pure decisions of
 * {@code registry}, {@code health} and {@code balancer}; {@code state} makes it durable and
 * {@code api} puts it on HTTP and WebSockets.
 */
package io.ado.controller;
