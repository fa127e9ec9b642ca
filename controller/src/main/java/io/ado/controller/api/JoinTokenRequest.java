package io.ado.controller.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ado.controller.plane.ApiException;
import io.ado.controller.plane.ControlPlane;
import io.ado.controller.plane.SecuritySettings;
import io.ado.protocol.Durations;
import io.ado.protocol.Json;
import java.time.Duration;
import java.util.Iterator;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/admin/tokens}: {@code {"workerId": "w-1", "ttl": "1h"}}, {@code ttl}
 * optional (the configured {@code security.joinTokenTtl} then). Strict: both are strings (a number
 * is refused, not coerced), unknown fields are refused, and each refusal names the field.
 */
final class JoinTokenRequest {
    /** What a worker id may be: a hostname-pid, a pod name; at most the 200 characters the store keeps. */
    static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private JoinTokenRequest() {}

    static ControlPlane.MintJoinToken parse(String body) {
        if (body.isBlank()) throw ApiException.badRequest("request body is empty: expected {\"workerId\": \"...\", \"ttl\": \"1h\"}");
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid token request: " + Json.reason(e));
        }
        if (n == null || !n.isObject()) throw ApiException.badRequest("invalid token request: expected a JSON object");
        for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            String f = names.next();
            if (!f.equals("workerId") && !f.equals("ttl")) throw ApiException.badRequest("unknown field '" + f + "': expected workerId and ttl");
        }
        JsonNode id = n.get("workerId");
        if (id == null || !id.isTextual()) throw ApiException.badRequest("workerId: required, a string");
        if (!WORKER_ID.matcher(id.asText()).matches()) {
            throw ApiException.badRequest("workerId: letters, digits, '.', '_', '-' (1 to 200, starting with a letter or digit), got '" + id.asText() + "'");
        }
        JsonNode ttl = n.get("ttl");
        if (ttl == null || ttl.isNull()) return new ControlPlane.MintJoinToken(id.asText(), null);
        if (!ttl.isTextual()) throw ApiException.badRequest("ttl: must be a string like 30m, 1h or 7d");
        return new ControlPlane.MintJoinToken(id.asText(), ttl(ttl.asText()));
    }

    private static Duration ttl(String raw) {
        Duration d = Durations.parse(raw, false)
                .orElseThrow(() -> ApiException.badRequest("ttl: must be a duration like 30m, 1h or 7d, got '" + raw + "'"));
        try {
            SecuritySettings.checkTtl("ttl", d);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage() + ", got '" + raw + "'");
        }
        return d;
    }
}
