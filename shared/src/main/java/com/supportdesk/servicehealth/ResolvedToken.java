package com.supportdesk.servicehealth;

import static com.supportdesk.persistence.Attributes.s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.persistence.TokenSeal;
import com.supportdesk.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code nextToken} of the resolved-incident history: the position in the {@code byResolvedAt}
 * index, sealed like the case lists' page tokens ({@link TokenSeal}, {@code ht1.}, with the page-token key
 * and a label of its own), so a client can neither read nor change it; an edited, hand-written or foreign
 * token is refused. A sealed position is still checked to be one of this index, and the key condition keeps
 * the history period whatever the token says.
 */
final class ResolvedToken {
    private static final Pattern KEY =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#([A-Z0-9-]{1,64})");

    private final TokenSeal seal;

    /** @param keySource the page-token key, asked for on the first token sealed or opened */
    ResolvedToken(Supplier<byte[]> keySource) {
        this.seal = new TokenSeal("ht1.", "support-desk incident history tokens v1", keySource);
    }

    String encode(Map<String, AttributeValue> lastKey) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("k", lastKey.get("resolvedKey").s());
        return seal.seal(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    Map<String, AttributeValue> decode(String token) {
        byte[] plain = seal.open(token).orElseThrow(ResolvedToken::invalid);
        try {
            JsonNode json = Json.MAPPER.readTree(plain);
            String key = json == null ? null : json.path("k").asText(null);
            var m = key == null ? null : KEY.matcher(key);
            if (m == null || !m.matches()) {
                throw invalid();
            }
            return Map.of(
                    "resolvedState", s(IncidentStatus.RESOLVED.name()),
                    "resolvedKey", s(key),
                    "incidentId", s(m.group(1)));
        } catch (java.io.IOException e) {
            throw invalid();
        }
    }

    private static Refusal invalid() {
        return Refusal.invalid("INVALID_NEXT_TOKEN");
    }
}
