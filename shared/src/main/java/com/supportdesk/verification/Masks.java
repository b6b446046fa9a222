package com.supportdesk.verification;

import java.util.Set;

/** Masked forms of contacts, enough for a caller to recognise their own and no more. */
public final class Masks {
    /** ITU-T E.164 country calling codes of one and two digits; every other code has three. */
    private static final Set<String> SHORT_CODES = Set.of(
            "1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
            "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
            "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

    private Masks() {}

    /** {@code jane@contoso.com} → {@code j***@contoso.com}. */
    public static String email(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** {@code +8613800130365} → {@code +86 *** **** 0365}: country code and last four digits. */
    public static String phone(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        String country = countryCode(digits);
        String national = digits.substring(country.length());
        if (national.length() <= 4) {
            return "+" + country + " " + "*".repeat(national.length());
        }
        int hidden = national.length() - 4;
        StringBuilder masked = new StringBuilder();
        // groups of four stars from the right, the remainder first: 7 → "*** ****"
        int first = hidden % 4 == 0 ? 4 : hidden % 4;
        masked.append("*".repeat(first));
        for (int done = first; done < hidden; done += 4) {
            masked.append(' ').append("****");
        }
        return "+" + country + " " + masked + " " + national.substring(hidden);
    }

    static String countryCode(String digits) {
        for (int length = 1; length <= 2; length++) {
            if (digits.length() > length && SHORT_CODES.contains(digits.substring(0, length))) {
                return digits.substring(0, length);
            }
        }
        return digits.substring(0, Math.min(3, digits.length()));
    }
}
