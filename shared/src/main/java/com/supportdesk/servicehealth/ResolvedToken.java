package com.supportdesk.servicehealth;

import static com.supportdesk.persistence.Attributes.s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code nextToken} of the resolved-incident history: the position in the {@code byResolvedAt}
 * index. Only well-formed positions are accepted, so a token can neither reach into another index nor carry
 * anything into the query but a resolution time and an incident id; the key condition keeps the history
 * period whatever the token says.
 */
final class ResolvedToken {
    private static final Pattern KEY =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#([A-Z0-9-]{1,64})");
    private static final int MAX_LENGTH = 512;

    private ResolvedToken() {}

    static String encode(Map<String, AttributeValue> lastKey) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("v", 1);
        json.put("k", lastKey.get("resolvedKey").s());
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String token) {
        try {
            if (token.length() > MAX_LENGTH) {
                throw invalid();
            }
            JsonNode json =
                    Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (json == null || json.path("v").asInt() != 1) {
                throw invalid();
            }
            String key = json.path("k").asText(null);
            var m = key == null ? null : KEY.matcher(key);
            if (m == null || !m.matches()) {
                throw invalid();
            }
            return Map.of(
                    "resolvedState", s(IncidentStatus.RESOLVED.name()),
                    "resolvedKey", s(key),
                    "incidentId", s(m.group(1)));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
    }

    private static Refusal invalid() {
        return Refusal.invalid("INVALID_NEXT_TOKEN");
    }
}
