/**
 * HTTP/JSON under {@code /api/v1} and the WebSockets: the worker connection, a task's output
 * stream, the system event stream. Every error is {@code {error, message}} with a 4xx/5xx code.
 */
package io.ado.controller.api;
