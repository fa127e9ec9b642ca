package io.ado.controller.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ado.controller.plane.ApiException;
import io.ado.controller.plane.ControlPlane;
import io.ado.protocol.Json;
import io.ado.protocol.PullPolicy;
import io.ado.protocol.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The body of {@code POST /api/v1/tasks}: one task object, or an array of 1..{@link #MAX_BATCH}
 * (created together: all or none). Every element is checked before anything is created; the
 * wire mapper refuses trailing tokens after the object or array, and its types are strict: a
 * string where a number belongs (or the reverse), a fraction for a whole number, a number for an
 * enum are refused with the field and the type it takes, never coerced.
 */
final class SubmissionParser {
    /** Most tasks one POST may create. */
    static final int MAX_BATCH = 1000;


    private SubmissionParser() {}

    /** A {@link ControlPlane.Submit} for one object, a {@link ControlPlane.SubmitAll} for an array. */
    static ControlPlane.Msg parse(String text) {
        if (!text.stripLeading().startsWith("[")) return new ControlPlane.Submit(one(text));
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
                throw ApiException.badRequest("invalid TaskSpec at [" + i + "]: " + reason(e));
            }
        }
        return new ControlPlane.SubmitAll(specs);
    }

    private static TaskSpec one(String text) {
        if (text.isBlank()) throw ApiException.badRequest("request body is empty: expected a JSON TaskSpec");
        try {
            return Json.MAPPER.readValue(text, TaskSpec.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.badRequest("invalid TaskSpec: " + reason(e));
        }
    }

    /** A value of the wrong type: its field and the type the field takes; anything else: the wire's short reason. */
    static String reason(Exception e) {
        if (e instanceof MismatchedInputException m && !(e instanceof UnrecognizedPropertyException) && m.getTargetType() != null && !m.getPath().isEmpty()) {
            return path(m) + ": must be " + expected(m.getTargetType());
        }
        return Json.reason(e);
    }

    private static String path(JsonMappingException m) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            else b.append('[').append(r.getIndex()).append(']');
        }
        return b.toString();
    }

    private static String expected(Class<?> type) {
        if (type == PullPolicy.class) {
            return "one of " + Arrays.stream(PullPolicy.values()).map(PullPolicy::wireName).collect(Collectors.joining(", "));
        }
        if (type == String.class) return "a string";
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) return "a whole number";
        if (type == Double.class || type == double.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (Map.class.isAssignableFrom(type)) return "an object";
        if (Collection.class.isAssignableFrom(type)) return "an array";
        return "a " + type.getSimpleName();
    }
}
