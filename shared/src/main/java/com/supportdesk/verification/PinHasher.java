package com.supportdesk.verification;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256(key, verification id ‖ 0x00 ‖ code): the only form in which a code is stored. The key lives
 * outside the table (a secret in AWS, an environment variable locally) and is asked for once, on first
 * use, so nothing secret is read before a SnapStart snapshot is taken.
 */
public final class PinHasher {
    public static final String ALGORITHM = "HmacSHA256";
    /** 256 bits: an HMAC-SHA-256 key shorter than its output weakens it. */
    public static final int MIN_KEY_BYTES = 32;

    private final Supplier<byte[]> keySource;
    private volatile SecretKeySpec key;

    public PinHasher(Supplier<byte[]> keySource) {
        this.keySource = keySource;
    }

    public byte[] hash(String verificationId, char[] code) {
        Mac mac = mac();
        mac.update(verificationId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        ByteBuffer encoded = StandardCharsets.US_ASCII.encode(CharBuffer.wrap(code));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return mac.doFinal(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Constant-time: the time taken does not depend on where the two hashes first differ. */
    public boolean matches(String verificationId, char[] code, byte[] stored) {
        byte[] actual = hash(verificationId, code);
        return stored != null && MessageDigest.isEqual(actual, stored);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                current = key;
                if (current == null) {
                    byte[] raw = keySource.get();
                    if (raw == null || raw.length < MIN_KEY_BYTES) {
                        throw new IllegalStateException(
                                "The PIN HMAC key must be at least " + MIN_KEY_BYTES + " bytes");
                    }
                    current = new SecretKeySpec(raw, ALGORITHM);
                    key = current;
                }
            }
        }
        return current;
    }
}
