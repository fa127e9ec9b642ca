/**
 * The HTTP + WebSocket client of the controller's API: {@link io.ado.client.ApiClient} for the CLI
 * and the benches, {@link io.ado.client.TextWebSocket} for every WebSocket (the worker's connection too).
 */
package io.ado.client;
