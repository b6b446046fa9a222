package com.supportdesk.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.i18n.Text;
import com.supportdesk.persistence.TokenSeal;
import com.supportdesk.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code nextToken} of case lists: the position DynamoDB returned, bound to the index and the
 * partition of the query it came from, sealed so that a client can neither read nor change it.
 *
 * <p>A token is {@code pt1.} followed by the position sealed with AES-256-GCM ({@link TokenSeal}), under a
 * key derived from a key kept outside the tables (a Secrets Manager secret deployed, {@code PAGE_TOKEN_KEY}
 * locally), asked for once, on first use, so nothing secret is read before a SnapStart snapshot. A token
 * that does not open under the key (edited, truncated, made up, or sealed under another key), that was made
 * for another query, or that names keys the query cannot have produced is refused as invalid; the query's
 * key condition is always built from the caller's own scope, so not even a sealed token of another tenant
 * widens what a caller sees.
 */
public final class PageTokens {
    /** A key shorter than the AES key derived from it would weaken it. */
    public static final int MIN_KEY_BYTES = TokenSeal.MIN_KEY_BYTES;

    private static final String INVALID = "INVALID_NEXT_TOKEN";

    private final TokenSeal seal;

    /** @param keySource the secret, asked for on the first token sealed or opened and then kept */
    public PageTokens(Supplier<byte[]> keySource) {
        this.seal = new TokenSeal("pt1.", "support-desk page tokens v1", keySource);
    }

    /** For repositories that never list (case submission): any attempt to seal or open a token fails. */
    static PageTokens unavailable() {
        return new PageTokens(() -> {
            throw new IllegalStateException("This function has no page-token key; it does not list cases");
        });
    }

    String seal(String index, Map<String, AttributeValue> lastKey) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("i", index);
        ObjectNode keys = json.putObject("k");
        lastKey.forEach((name, value) -> keys.put(name, value.s()));
        return seal.seal(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param keyNames       the attributes a position in this index consists of
     * @param partitionName  the index's partition attribute
     * @param partitionValue the partition this query reads
     */
    Map<String, AttributeValue> open(
            String token, String index, Set<String> keyNames, String partitionName, String partitionValue) {
        byte[] plain = seal.open(token).orElseThrow(PageTokens::invalid);
        return position(plain, index, keyNames, partitionName, partitionValue);
    }

    /** A sealed position is ours, but it must still be one of this query: same index, same partition. */
    private static Map<String, AttributeValue> position(
            byte[] plain, String index, Set<String> keyNames, String partitionName, String partitionValue) {
        try {
            JsonNode json = Json.MAPPER.readTree(plain);
            if (json == null || !json.isObject() || !index.equals(json.path("i").asText())) {
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
                        || field.getValue().asText().isEmpty()) {
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
        } catch (java.io.IOException e) {
            throw invalid();
        }
    }

    static Refusal invalid() {
        return Refusal.invalid(INVALID, Text.of("INVALID_NEXT_TOKEN"));
    }
}
