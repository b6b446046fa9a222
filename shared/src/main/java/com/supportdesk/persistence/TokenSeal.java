package com.supportdesk.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a list position into an opaque, tamper-evident {@code nextToken}, as the case lists' page tokens
 * are sealed: {@code prefix} followed by base64url of a random 96-bit nonce and the AES-256-GCM encryption
 * of the position, with the prefix as associated data. The AES key is derived (HMAC-SHA-256 with a label of
 * its own per kind of token) from a key kept outside the tables ({@code runtime/SecretKeySource}), asked
 * for on first use, so nothing secret is read before a SnapStart snapshot. A token that does not open
 * (edited, truncated, made up, sealed under another key or for another kind of list) opens to nothing.
 */
public final class TokenSeal {
    /** A key shorter than the AES key derived from it would weaken it. */
    public static final int MIN_KEY_BYTES = 32;

    private static final int MAX_LENGTH = 2048;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * A new generator for every nonce, never one kept in a field: a SnapStart snapshot would copy a kept
     * generator's state into every restored container, and they would repeat each other's nonces.
     */
    private static final Supplier<SecureRandom> RANDOMNESS = SecureRandom::new;

    private final String prefix;
    private final byte[] label;
    private final Supplier<byte[]> keySource;
    private volatile SecretKeySpec key;

    /**
     * @param prefix    what every token of this kind starts with, for example {@code ht1.}
     * @param label     keeps this kind's AES key apart from any other use of the same secret
     * @param keySource the secret, asked for on the first token sealed or opened and then kept
     */
    public TokenSeal(String prefix, String label, Supplier<byte[]> keySource) {
        this.prefix = prefix;
        this.label = label.getBytes(StandardCharsets.US_ASCII);
        this.keySource = keySource;
    }

    public String seal(byte[] position) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOMNESS.get().nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce).doFinal(position);
            ByteBuffer token = ByteBuffer.allocate(NONCE_BYTES + sealed.length);
            token.put(nonce).put(sealed);
            return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a list token", e);
        }
    }

    /** The position sealed in {@code token}, or empty when it is not a token this seal made. */
    public Optional<byte[]> open(String token) {
        if (token == null || token.length() > MAX_LENGTH || !token.startsWith(prefix)) {
            return Optional.empty();
        }
        String encoded = token.substring(prefix.length());
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // the decoder ignores the unused bits of the last character: only the one encoding we made is ours
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(encoded)
                || bytes.length <= NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES))
                    .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            return Optional.empty(); // not sealed under our key, or changed since
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(prefix.getBytes(StandardCharsets.US_ASCII));
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
    private SecretKeySpec derive(byte[] secret) {
        if (secret == null || secret.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("The list-token key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(label), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
