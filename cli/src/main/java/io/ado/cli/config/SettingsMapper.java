package io.ado.cli.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one mapper that reads {@code ado.config.yaml} into the settings records, by their component
 * names. Strict: unknown keys fail, a string is never coerced into a number or a boolean, a float
 * never truncated into an int, a null never turned into 0. Records are read through their canonical
 * constructors (their validation runs) and written through their fields only, so derived methods
 * such as {@code isPostgres()} are no keys. Durations are milliseconds or {@code 500ms}/{@code 2s}/{@code 1m}/{@code 1h}.
 */
final class SettingsMapper {
    private SettingsMapper() {}

    static ObjectMapper create() {
        SimpleModule m = new SimpleModule("ado-settings");
        m.addDeserializer(Duration.class, new DurationDeserializer());
        m.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException { g.writeNumber(d.toMillis()); }
        });
        m.addSerializer(Path.class, new JsonSerializer<>() {
            @Override
            public void serialize(Path path, JsonGenerator g, SerializerProvider p) throws IOException { g.writeString(path.toString()); }
        });
        return YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS, MapperFeature.AUTO_DETECT_GETTERS, MapperFeature.AUTO_DETECT_IS_GETTERS)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .addModule(m)
                .build();
    }

    /** A number is milliseconds; a string is parsed by {@link ConfigLoader#duration}; a refusal names the reason. */
    static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isScalarValue()) return (Duration) ctxt.reportInputMismatch(Duration.class, "must be a duration in ms or like 2s / 500ms / 1m");
            try {
                return ConfigLoader.duration(p.getText());
            } catch (IllegalArgumentException e) {
                return (Duration) ctxt.reportInputMismatch(Duration.class, e.getMessage());
            }
        }
    }
}
