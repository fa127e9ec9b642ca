package io.ado.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/**
 * The one JSON mapper of the wire: unknown fields are rejected (a typo is an error, not silently
 * ignored), types are strict (a string for a number, a fraction for a whole number, a number for
 * a string or an enum are refused, never coerced), nulls are left out. Blackbird replaces reflective getter/constructor calls with
 * generated lambdas: reflection was ~5 % of the controller's CPU under load.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // "3" is not a number, "true" not a boolean: a wrong type is refused
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            // and the reverse: a number or a boolean where a string belongs is refused too
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new BlackbirdModule())
            .build();

    private Json() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** @throws IllegalArgumentException with a short reason when {@code text} is not a valid {@code type} */
    public static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
    }

    /** @throws IllegalArgumentException with a short reason when {@code text} is not a valid {@code type} */
    public static <T> T read(String text, TypeReference<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(reason(e), e);
        }
    }

    /** The innermost useful message, without Jackson's source-location noise. */
    public static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t.getCause() instanceof IllegalArgumentException iae) return iae.getMessage();
            t = t.getCause();
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty() && jme.getPath().getLast().getFieldName() != null) {
            return jme.getPath().getLast().getFieldName() + ": " + jme.getOriginalMessage(); // which field was wrong, not only how
        }
        if (e instanceof JsonProcessingException jpe) return jpe.getOriginalMessage();
        return String.valueOf(e.getMessage());
    }
}
