package com.supportdesk.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.runtime.FunctionEnvironment;
import com.supportdesk.runtime.SecretKeySource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a webhook's URL and secret for storage: {@code wh1.} + base64 of a random 96-bit nonce and the
 * AES-256-GCM encryption of {@code {"url":…,"secret":…}}, with the tenant and webhook id as associated
 * data, so a sealed value copied onto another tenant's or another webhook's item does not open. The AES key
 * is HMAC-SHA-256(key kept outside the tables, a fixed label): the key is a Secrets Manager secret deployed
 * ({@code WEBHOOK_SECRET_KEY_SECRET_ARN}), {@code WEBHOOK_SECRET_KEY} locally, read on first use (never
 * into a SnapStart snapshot) through {@code SecretKeySource}.
 */
public final class WebhookSeal {
    public static final String SECRET_ARN_VARIABLE = "WEBHOOK_SECRET_KEY_SECRET_ARN";
    public static final String LOCAL_KEY_VARIABLE = "WEBHOOK_SECRET_KEY";
    public static final int MIN_KEY_BYTES = 32;

    private static final String PREFIX = "wh1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] LABEL = "support-desk webhook secrets v1".getBytes(StandardCharsets.US_ASCII);
    /** A new generator per nonce: one kept in a field would be copied into every SnapStart restore. */
    private static final Supplier<SecureRandom> RANDOMNESS = SecureRandom::new;

    private final Supplier<byte[]> keySource;
    private volatile SecretKeySpec key;

    public WebhookSeal(Supplier<byte[]> keySource) {
        this.keySource = keySource;
    }

    /**
     * The key of the function's environment: the secret {@value #SECRET_ARN_VARIABLE} names (deployed), else
     * {@value #LOCAL_KEY_VARIABLE} (local runs); both set is refused. Only functions that declare the
     * {@code secretsmanager} SDK module may call this.
     */
    public static WebhookSeal from(FunctionEnvironment environment) {
        return new WebhookSeal(
                SecretKeySource.of(environment, SECRET_ARN_VARIABLE, LOCAL_KEY_VARIABLE, "webhook secret key"));
    }

    public String seal(String tenantId, String webhookId, WebhookTarget target) {
        byte[] plain = Json.MAPPER
                .createObjectNode()
                .put("url", target.url())
                .put("secret", target.secret())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOMNESS.get().nextBytes(nonce);
        try {
            byte[] sealed =
                    cipher(Cipher.ENCRYPT_MODE, nonce, tenantId, webhookId).doFinal(plain);
            Arrays.fill(plain, (byte) 0);
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a webhook secret", e);
        }
    }

    /** @throws IllegalStateException when the value was not sealed under this key for this tenant and webhook */
    public WebhookTarget open(String tenantId, String webhookId, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("Webhook " + webhookId + " holds no sealed target");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            byte[] plain = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), tenantId, webhookId)
                    .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            JsonNode json = Json.MAPPER.readTree(plain);
            Arrays.fill(plain, (byte) 0);
            return new WebhookTarget(
                    json.path("url").asText(), json.path("secret").asText());
        } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
            // names the webhook only: the exception's own message could quote the value
            throw new IllegalStateException("The sealed target of webhook " + webhookId + " does not open");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String tenantId, String webhookId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((PREFIX + tenantId + "\n" + webhookId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                current = key;
                if (current == null) {
                    byte[] secret = keySource.get();
                    if (secret == null || secret.length < MIN_KEY_BYTES) {
                        throw new IllegalStateException(
                                "The webhook secret key must be at least " + MIN_KEY_BYTES + " bytes");
                    }
                    try {
                        Mac mac = Mac.getInstance("HmacSHA256");
                        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                        current = new SecretKeySpec(mac.doFinal(LABEL), "AES");
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("HMAC-SHA-256 is not available", e);
                    }
                    key = current;
                }
            }
        }
        return current;
    }
}
