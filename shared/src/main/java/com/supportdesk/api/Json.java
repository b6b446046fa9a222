package com.supportdesk.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.supportdesk.refusal.Refusal;
import java.util.stream.Collectors;

/**
 * The one JSON mapper of the project: strict on input (unknown fields, nulls for primitives and
 * trailing tokens are refused), ISO-8601 instants on output, absent values left out.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .build();

    private Json() {}

    /** Parses a request body; any problem is an invalid-request refusal that says what is wrong, never a stack trace. */
    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw Refusal.invalid("EMPTY_BODY", "The request body is empty; a JSON object is expected.");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw Refusal.invalid("INVALID_JSON", "A JSON object is expected.");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw Refusal.invalid("UNKNOWN_FIELD", "Unknown field '" + e.getPropertyName() + "'.");
        } catch (InvalidFormatException e) {
            throw Refusal.invalid("INVALID_VALUE", "Field '" + path(e) + "' has an invalid value" + allowed(e) + ".");
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw field.isEmpty()
                    ? Refusal.invalid("INVALID_JSON", "A single JSON object is expected.")
                    : Refusal.invalid("INVALID_VALUE", "Field '" + field + "' has the wrong type.");
        } catch (JsonProcessingException e) {
            throw Refusal.invalid("INVALID_JSON", "The request body is not valid JSON.");
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String allowed(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            StringBuilder names = new StringBuilder();
            for (Object constant : target.getEnumConstants()) {
                names.append(names.isEmpty() ? "" : ", ").append(((Enum<?>) constant).name());
            }
            return " (allowed: " + names + ")";
        }
        return "";
    }
}
