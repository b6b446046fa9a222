package com.supportdesk.local.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of SNS subscription filter policies the runner applies: on message attributes, each named
 * attribute must equal one of the listed strings or numbers. Anything else (prefix, anything-but,
 * numeric ranges, exists, a policy on the message body) is refused when the runner starts, rather than
 * delivering messages locally that SNS would have filtered out.
 */
public final class FilterPolicy {
    /** Delivers everything. */
    public static final FilterPolicy NONE = new FilterPolicy(Map.of());

    private final Map<String, List<JsonNode>> allowed;

    private FilterPolicy(Map<String, List<JsonNode>> allowed) {
        this.allowed = allowed;
    }

    /**
     * @param policy the template's {@code FilterPolicy} (a mapping, or JSON text), or null
     * @param scope  the template's {@code FilterPolicyScope}, or null (= MessageAttributes)
     * @param where  what to name in an error, for example the subscription's logical id
     */
    public static FilterPolicy of(Object policy, Object scope, String where) {
        if (policy == null) {
            return NONE;
        }
        if (scope != null && !"MessageAttributes".equals(String.valueOf(scope))) {
            throw unsupported(where, "FilterPolicyScope " + scope);
        }
        JsonNode root;
        try {
            root = policy instanceof String text ? Json.MAPPER.readTree(text) : Json.MAPPER.valueToTree(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": the FilterPolicy is not valid JSON", e);
        }
        Map<String, List<JsonNode>> allowed = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getValue().isArray()) {
                throw unsupported(where, "a nested policy under " + entry.getKey());
            }
            List<JsonNode> values = new ArrayList<>();
            for (JsonNode value : entry.getValue()) {
                if (!value.isTextual() && !value.isNumber()) {
                    throw unsupported(where, "the condition " + value + " on " + entry.getKey());
                }
                values.add(value);
            }
            allowed.put(entry.getKey(), List.copyOf(values));
        }
        return new FilterPolicy(Map.copyOf(allowed));
    }

    private static IllegalArgumentException unsupported(String where, String what) {
        return new IllegalArgumentException(where + ": the local runner's SNS matches filter policies on exact"
                + " message-attribute values only, not " + what);
    }

    public boolean matches(Map<String, Publication.Attribute> attributes) {
        for (Map.Entry<String, List<JsonNode>> condition : allowed.entrySet()) {
            Publication.Attribute attribute = attributes.get(condition.getKey());
            if (attribute == null
                    || attribute.isBinary()
                    || condition.getValue().stream().noneMatch(value -> equal(value, attribute))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(JsonNode expected, Publication.Attribute attribute) {
        List<String> actual = new ArrayList<>();
        if (attribute.dataType().equals("String.Array")) {
            try {
                Json.MAPPER.readTree(attribute.stringValue()).forEach(element -> actual.add(element.asText()));
            } catch (JsonProcessingException e) {
                return false;
            }
        } else {
            actual.add(attribute.stringValue());
        }
        for (String value : actual) {
            if (expected.isTextual()
                    && !attribute.dataType().startsWith("Number")
                    && expected.asText().equals(value)) {
                return true;
            }
            if (expected.isNumber() && !attribute.dataType().equals("String")) {
                try {
                    if (expected.decimalValue().compareTo(new BigDecimal(value)) == 0) {
                        return true;
                    }
                } catch (NumberFormatException e) {
                    // not a number: no match
                }
            }
        }
        return false;
    }
}
