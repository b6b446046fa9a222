package com.supportdesk.verification;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One-time codes: every digit drawn uniformly ({@link SecureRandom#nextInt(int)} rejects the biased
 * remainder) from a CSPRNG. A new {@link SecureRandom} is taken for every code, never kept in a field, so
 * no generator state is captured in a SnapStart snapshot and replayed by restored containers.
 */
public final class PinCodes {
    private final int length;
    private final Supplier<SecureRandom> randomness;

    public PinCodes(int length) {
        this(length, SecureRandom::new);
    }

    /** For tests that watch how the generator is obtained; production code uses {@link #PinCodes(int)}. */
    PinCodes(int length, Supplier<SecureRandom> randomness) {
        this.length = length;
        this.randomness = randomness;
    }

    public int length() {
        return length;
    }

    /** A new code of {@link #length()} digits; leading zeros are as likely as any other digit. */
    public char[] next() {
        SecureRandom random = randomness.get();
        char[] code = new char[length];
        for (int i = 0; i < length; i++) {
            code[i] = (char) ('0' + random.nextInt(10));
        }
        return code;
    }

    /** The code as it is read out on the phone: two groups ({@code 1234 5678}). */
    public static String grouped(char[] code) {
        int half = (code.length + 1) / 2;
        return new String(code, 0, half) + " " + new String(code, half, code.length - half);
    }

    /**
     * What the agent typed, with the spaces and dashes of the grouping removed; empty unless it is
     * exactly {@link #length()} ASCII digits.
     */
    public Optional<char[]> parse(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        char[] digits = new char[length];
        int n = 0;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (c < '0' || c > '9' || n == length) {
                return Optional.empty();
            }
            digits[n++] = c;
        }
        return n == length ? Optional.of(digits) : Optional.empty();
    }
}
