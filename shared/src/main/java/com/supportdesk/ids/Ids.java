package com.supportdesk.ids;

import java.security.SecureRandom;

/**
 * Short identifiers that are unguessable and easy to read over the phone: Crockford base-32
 * (no I, L, O, U), grouped by four.
 *
 * <p>A fresh {@link SecureRandom} per call on purpose: an instance created at init time would be
 * captured in a SnapStart snapshot and replayed by every restored container.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ids() {}

    /** {@code prefix} followed by {@code groups} groups of four characters, e.g. {@code INC-7K3M-Q9TX}. */
    public static String next(String prefix, int groups) {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(prefix);
        for (int g = 0; g < groups; g++) {
            id.append('-');
            for (int i = 0; i < 4; i++) {
                id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
        }
        return id.toString();
    }
}
