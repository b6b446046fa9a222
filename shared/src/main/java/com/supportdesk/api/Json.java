package com.supportdesk.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.supportdesk.i18n.Text;
import com.supportdesk.refusal.Refusal;
import java.io.IOException;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * The one JSON mapper of the project: strict on input, ISO-8601 instants on output, absent values left
 * out.
 *
 * <p>Strict means a value is read only from the JSON type the contract gives it: unknown fields, keys
 * given twice, nulls for primitives and trailing tokens are refused, and so is every coercion Jackson
 * would otherwise make.
 * An enum is its name, never its position ({@code "severity": 0} would be A); a string is a JSON string,
 * never a number or boolean turned into text; a number is never read from a string, and a whole number
 * never from a fraction; an instant is an ISO-8601 string, never epoch seconds.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstant()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // a key given twice has no one meaning (parsers differ on which wins): refuse it everywhere
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // ALLOW_COERCION_OF_SCALARS leaves text and enums out: forbid those coercions one by one
            .withCoercionConfig(LogicalType.Textual, Json::scalarsAreNotText)
            .withCoercionConfig(LogicalType.Enum, Json::scalarsAreNotText)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .build();

    private Json() {}

    /** Parses a request body; any problem is an invalid-request refusal that says what is wrong, never a stack trace. */
    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw Refusal.invalid("EMPTY_BODY");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw Refusal.invalid("INVALID_JSON", Text.of("INVALID_JSON.object"));
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw Refusal.invalid(
                    "UNKNOWN_FIELD", Text.of("UNKNOWN_FIELD", "field", String.valueOf(e.getPropertyName())));
        } catch (InvalidFormatException e) {
            throw Refusal.invalid("INVALID_VALUE", invalidValue(path(e), e.getTargetType(), false));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw field.isEmpty()
                    ? Refusal.invalid("INVALID_JSON", Text.of("INVALID_JSON.single"))
                    : Refusal.invalid("INVALID_VALUE", invalidValue(field, e.getTargetType(), true));
        } catch (JsonMappingException e) {
            // a value its type refused (a language tag that is not one of ours, a number out of range):
            // the body is valid JSON, so the answer names the field, never the exception's own words
            String field = path(e);
            throw field.isEmpty()
                    ? Refusal.invalid("INVALID_JSON", Text.of("INVALID_JSON.single"))
                    : Refusal.invalid("INVALID_VALUE", invalidValue(field, target(e), false));
        } catch (JsonProcessingException e) {
            throw Refusal.invalid("INVALID_JSON", Text.of("INVALID_JSON.syntax"));
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

    private static void scalarsAreNotText(MutableCoercionConfig config) {
        config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /**
     * An instant from its ISO-8601 text only: the time module would also read a number as epoch seconds,
     * which no field of the contract is.
     */
    private static final class IsoInstant extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static Class<?> target(JsonMappingException e) {
        return e instanceof ValueInstantiationException v && v.getType() != null
                ? v.getType().getRawClass()
                : null;
    }

    /**
     * "Field 'x' has an invalid value (allowed: ...)" or "... the wrong type ...": the field's name as the
     * contract spells it, and an enum's documented values as they are written on the wire.
     */
    private static Text invalidValue(String field, Class<?> target, boolean wrongType) {
        if (target == null || !target.isEnum()) {
            return Text.of(wrongType ? "INVALID_VALUE.wrongType" : "INVALID_VALUE.invalid", "field", field);
        }
        StringBuilder names = new StringBuilder();
        for (Object constant : target.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(MAPPER.convertValue(constant, String.class));
        }
        return Text.of(
                wrongType ? "INVALID_VALUE.wrongTypeOneOf" : "INVALID_VALUE.invalidOneOf",
                "field",
                field,
                "allowed",
                names.toString());
    }
}
