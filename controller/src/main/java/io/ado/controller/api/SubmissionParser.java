package io.ado.controller.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ado.controller.plane.ApiException;
import io.ado.controller.plane.ControlPlane;
import io.ado.protocol.Json;
import io.ado.protocol.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/v1/tasks}: one task object, or an array of 1..{@link #MAX_BATCH}
 * (created together: all or none). Every element is checked before anything is created; the
 * wire mapper refuses trailing tokens after the object or array.
 */
final class SubmissionParser {
    /** Most tasks one POST may create. */
    static final int MAX_BATCH = 1000;

    private SubmissionParser() {}

    /** A {@link ControlPlane.Submit} for one object, a {@link ControlPlane.SubmitAll} for an array. */
    static ControlPlane.Msg parse(String text) {
        if (!text.stripLeading().startsWith("[")) return new ControlPlane.Submit(one(text, TaskSpec.class));
        JsonNode list;
        try {
            list = Json.MAPPER.readTree(text);
            if (!list.isArray()) throw ApiException.badRequest("invalid task list: expected one JSON array");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid task list: " + Json.reason(e));
        }
        if (list.isEmpty() || list.size() > MAX_BATCH) throw ApiException.badRequest("a task list holds 1 to " + MAX_BATCH + " tasks, not " + list.size());
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) throw ApiException.badRequest("invalid TaskSpec at [" + i + "]: expected a JSON object, not " + list.get(i).getNodeType());
            try {
                specs.add(Json.MAPPER.treeToValue(list.get(i), TaskSpec.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw ApiException.badRequest("invalid TaskSpec at [" + i + "]: " + Json.reason(e));
            }
        }
        return new ControlPlane.SubmitAll(specs);
    }

    private static <T> T one(String text, Class<T> type) {
        if (text.isBlank()) throw ApiException.badRequest("request body is empty: expected a JSON " + type.getSimpleName());
        try {
            return Json.read(text, type);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
