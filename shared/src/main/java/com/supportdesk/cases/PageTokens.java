package com.supportdesk.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.i18n.Text;
import com.supportdesk.refusal.Refusal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code nextToken} of case lists: the position DynamoDB returned, bound to the index and the
 * partition of the query it came from, sealed so that a client can neither read nor change it.
 *
 * <p>A token is {@code pt1.} followed by base64url of a random 96-bit nonce and the AES-256-GCM encryption
 * of the position (which authenticates it as well). The AES key is derived from a key kept outside the
 * tables (a Secrets Manager secret deployed, {@code PAGE_TOKEN_KEY} locally), asked for once, on first use,
 * so nothing secret is read before a SnapStart snapshot. A token that does not open under the key (edited,
 * truncated, made up, or sealed under another key), that was made for another query, or that names keys
 * the query cannot have produced is refused as invalid; the query's key condition is always built from the
 * caller's own scope, so not even a sealed token of another tenant widens what a caller sees.
 */
public final class PageTokens {
    /** A key shorter than the AES key derived from it would weaken it. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String PREFIX = "pt1.";
    private static final String INVALID = "INVALID_NEXT_TOKEN";
    private static final int MAX_LENGTH = 2048;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = PREFIX.getBytes(StandardCharsets.US_ASCII);
    /** Keeps this key apart from any other use of the same secret. */
    private static final byte[] DERIVATION_LABEL = "support-desk page tokens v1".getBytes(StandardCharsets.US_ASCII);

    /**
     * A new generator for every nonce, never one kept in a field: a SnapStart snapshot would copy a kept
     * generator's state into every restored container, and they would repeat each other's nonces.
     */
    private static final Supplier<SecureRandom> RANDOMNESS = SecureRandom::new;

    private final Supplier<byte[]> keySource;
    private volatile SecretKeySpec key;

    /** @param keySource the secret, asked for on the first token sealed or opened and then kept */
    public PageTokens(Supplier<byte[]> keySource) {
        this.keySource = keySource;
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
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOMNESS.get().nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
            byte[] sealed = cipher.doFinal(json.toString().getBytes(StandardCharsets.UTF_8));
            ByteBuffer token = ByteBuffer.allocate(NONCE_BYTES + sealed.length);
            token.put(nonce).put(sealed);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a page token", e);
        }
    }

    /**
     * @param keyNames       the attributes a position in this index consists of
     * @param partitionName  the index's partition attribute
     * @param partitionValue the partition this query reads
     */
    Map<String, AttributeValue> open(
            String token, String index, Set<String> keyNames, String partitionName, String partitionValue) {
        if (token.length() > MAX_LENGTH || !token.startsWith(PREFIX)) {
            throw invalid();
        }
        String encoded = token.substring(PREFIX.length());
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // the decoder ignores the unused bits of the last character: only the one encoding we made is ours
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(encoded)
                || bytes.length <= NONCE_BYTES + TAG_BITS / 8) {
            throw invalid();
        }
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES))
                    .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw invalid(); // not sealed under our key, or changed since
        }
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

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(AAD);
        return cipher;
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                current = key;
                if (current == null) {
                    current = derive(keySource.get());
                    key = current;
                }
            }
        }
        return current;
    }

    /** HMAC-SHA-256(secret, label): a uniform 256-bit AES key whatever the secret's alphabet. */
    private static SecretKeySpec derive(byte[] secret) {
        if (secret == null || secret.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("The page-token key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(DERIVATION_LABEL), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
