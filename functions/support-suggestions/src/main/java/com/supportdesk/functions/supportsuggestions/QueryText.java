package com.supportdesk.functions.supportsuggestions;

import java.text.Normalizer;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query made fit for searching and for the gap log: Unicode-normalised (full-width letters and digits
 * become ASCII) and with personal data taken out before anything is analysed or written. What is taken
 * out is only counted, by kind.
 *
 * <p>Taken out: email addresses, URLs (site addresses often name people or projects), IPv4 addresses,
 * phone numbers (at least 7 digits written with a +, spaces, hyphens or brackets) and every other run of
 * 4 or more digits (PIN codes, phone numbers written without spaces, order and employee numbers, years). Short numbers stay:
 * "550", "5.7.1" and "365" are what people search for.
 */
record QueryText(String text, Map<String, Integer> masked) {
    private static final Pattern EMAIL =
            // no nested quantifier, so no catastrophic backtracking on a long query
            Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+\\.[\\p{L}\\p{N}.-]+");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\d.])");
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\(?\\d[\\d \\t()-]{5,}\\d");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{4,}");
    private static final int PHONE_DIGITS = 7;

    QueryText {
        masked = Map.copyOf(masked);
    }

    static QueryText of(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        Map<String, Integer> masked = new TreeMap<>();
        text = remove(text, EMAIL, "email", masked);
        text = remove(text, URL, "url", masked);
        text = remove(text, IPV4, "ip", masked);
        Matcher phones = PHONE_LIKE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (phones.find()) {
            String found = phones.group();
            boolean phone = found.chars().filter(Character::isDigit).count() >= PHONE_DIGITS
                    && !found.chars().allMatch(Character::isDigit);
            if (phone) {
                masked.merge("phone", 1, Integer::sum);
            }
            phones.appendReplacement(out, phone ? " " : Matcher.quoteReplacement(phones.group()));
        }
        phones.appendTail(out);
        text = remove(out.toString(), DIGIT_RUN, "number", masked);
        return new QueryText(text.strip(), masked);
    }

    private static String remove(String text, Pattern pattern, String kind, Map<String, Integer> masked) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            masked.merge(kind, 1, Integer::sum);
            matcher.appendReplacement(out, " ");
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
