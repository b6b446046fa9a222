package com.supportdesk.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code nextToken} of case lists: the position DynamoDB returned, bound to the index and the
 * partition of the query it came from. A token that does not decode, was made for another query, or
 * names keys the query cannot have produced is refused as invalid; it can never widen what the caller may see,
 * because the query's key condition is built from the caller's own scope.
 */
final class PageToken {
    private static final String INVALID = "INVALID_NEXT_TOKEN";
    private static final int MAX_LENGTH = 2048;

    private PageToken() {}

    static String encode(String index, Map<String, AttributeValue> lastKey) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("v", 1);
        json.put("i", index);
        ObjectNode keys = json.putObject("k");
        lastKey.forEach((name, value) -> keys.put(name, value.s()));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param keyNames       the attributes a position in this index consists of
     * @param partitionName  the index's partition attribute
     * @param partitionValue the partition this query reads
     */
    static Map<String, AttributeValue> decode(
            String token, String index, Set<String> keyNames, String partitionName, String partitionValue) {
        try {
            if (token.length() > MAX_LENGTH) {
                throw invalid();
            }
            JsonNode json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            if (json == null
                    || !json.isObject()
                    || json.path("v").asInt() != 1
                    || !index.equals(json.path("i").asText())) {
                throw invalid();
            }
            JsonNode keys = json.path("k");
            if (!keys.isObject() || keys.size() != keyNames.size()) {
                throw invalid();
            }
            Map<String, AttributeValue> start = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!keyNames.contains(field.getKey())
                        || !field.getValue().isTextual()
                        || field.getValue().asText().isEmpty()
                        || field.getValue().asText().length() > 300) {
                    throw invalid();
                }
                start.put(field.getKey(), AttributeValue.fromS(field.getValue().asText()));
            }
            if (!partitionValue.equals(start.get(partitionName).s())
                    || !start.get(CaseRepository.PK).s().startsWith(CaseRepository.CASE_PREFIX)
                    || !CaseRepository.CASE_SK.equals(
                            start.get(CaseRepository.SK).s())) {
                throw invalid();
            }
            return start;
        } catch (Refusal e) {
            throw e;
        } catch (RuntimeException | java.io.IOException e) {
            throw invalid();
        }
    }

    static Refusal invalid() {
        return Refusal.invalid(INVALID, "The nextToken is not one this list returned; start again without it.");
    }
}
