/**
 * The distributed controller of seed 000, assembled: {@link io.ado.controller.Controller} wires
 * the store ({@code state}), the control plane ({@code plane}), the API ({@code api}) and the
 * leader lease ({@code lease}), and {@link io.ado.controller.ControllerSettings} is its
 * configuration. This package imports every other one; none imports it.
 */
package io.ado.controller;
