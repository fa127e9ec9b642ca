package io.ado.controller.api;

import io.ado.controller.plane.ApiException;
import io.ado.protocol.Json;

/** The body of {@code POST /api/v1/admin/scale}: {@code {"workers": N}} keeps at least N workers; null or 0 clears the floor. */
public record ScaleRequest(Integer workers) {
    static ScaleRequest parse(String body) {
        if (body == null || body.isBlank()) throw ApiException.badRequest("request body is empty: expected {\"workers\": N}");
        try {
            return Json.read(body, ScaleRequest.class);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid scale request: " + e.getMessage());
        }
    }
}
