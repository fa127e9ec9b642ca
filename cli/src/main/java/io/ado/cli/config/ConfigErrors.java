package io.ado.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a binding failure into a {@link ConfigException} naming the source, the key as the user
 * wrote it, and the reason. The key is Jackson's path; a record's constructor refuses a value with
 * {@code "component: reason"}, and the component is taken only if the record has one of that name.
 */
final class ConfigErrors {
    private ConfigErrors() {}

    static ConfigException of(JsonProcessingException e, ConfigTree tree, String defaultSource, Map<String, String> aliases) {
        if (!(e instanceof JsonMappingException m)) return new ConfigException(defaultSource, "(file)", e.getOriginalMessage());
        String path = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        String key = path;
        String reason;
        switch (m) {
            case UnrecognizedPropertyException u -> reason = "unknown key";
            case ValueInstantiationException v -> {
                Throwable cause = v.getCause() != null ? v.getCause() : v;
                String msg = String.valueOf(cause.getMessage());
                int colon = msg.indexOf(':');
                String field = colon > 0 ? msg.substring(0, colon) : "";
                boolean isComponent = v.getType().getRawClass().isRecord() && Arrays.stream(v.getType().getRawClass().getRecordComponents())
                        .anyMatch(c -> c.getName().equals(field));
                key = isComponent ? path + "." + field : path;
                reason = isComponent ? msg.substring(colon + 1).trim() : msg;
            }
            case MismatchedInputException mi -> reason = expected(mi.getTargetType(), tree.valueText(path), mi.getOriginalMessage());
            default -> reason = m.getOriginalMessage();
        }
        Map<String, String> reverse = aliases.entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        String shown = tree.spelledAs(key);
        if (shown == null) shown = reverse.containsKey(key) && tree.spelledAny(aliases.keySet()) ? reverse.get(key) : key;
        return new ConfigException(tree.sourceOf(key, defaultSource), shown, reason);
    }

    /** The reason for a value of the wrong type, by the type the record's component has. */
    private static String expected(Class<?> type, String got, String original) {
        if (type == null) return original;
        if (type == Duration.class) return original; // the duration parser's own reason
        String what;
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) what = "must be a whole number";
        else if (type == double.class || type == Double.class || type == float.class) what = "must be a number";
        else if (type == boolean.class || type == Boolean.class) what = "must be true or false";
        else if (type == String.class || Path.class.isAssignableFrom(type)) what = "must be a single value";
        else what = "must be a mapping";
        return what + ", got '" + got + "'";
    }
}
