package com.supportdesk.api;

import com.supportdesk.i18n.Text;
import com.supportdesk.refusal.Refusal;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Field checks shared by every request; each failure is an invalid-request refusal naming the field. */
public final class Validate {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    // Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is SES's job. Checked
    // part by part, with no pattern that nests repetitions (no room for catastrophic backtracking).
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9-]{1,63}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private Validate() {}

    /**
     * A refusal naming {@code field}, for a {@code problem} the {@code refusals} messages describe as
     * {@code VALIDATION_FAILED.<problem>} (the field's name is never translated: it is the contract's).
     */
    public static Refusal invalid(String field, String problem) {
        return Refusal.invalid("VALIDATION_FAILED", Text.of("VALIDATION_FAILED." + problem, "field", field));
    }

    /** As {@link #invalid(String, String)}, with one more named parameter of the text. */
    public static Refusal invalid(String field, String problem, String name, Object value) {
        return Refusal.invalid(
                "VALIDATION_FAILED", Text.of("VALIDATION_FAILED." + problem, "field", field, name, value));
    }

    /** As {@link #invalid(String, String)}, with two more named parameters of the text. */
    public static Refusal invalid(
            String field, String problem, String name1, Object value1, String name2, Object value2) {
        return Refusal.invalid(
                "VALIDATION_FAILED",
                Text.of("VALIDATION_FAILED." + problem, "field", field, name1, value1, name2, value2));
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw invalid(field, "required");
        }
        return value;
    }

    /** Required, not blank, at most {@code max} characters; returns it trimmed. */
    public static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "required");
        }
        return optionalText(field, value, max);
    }

    public static String optionalText(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (!wellFormed(value)) {
            // half of a surrogate pair is no character: it cannot be stored, sent or shown as text
            throw invalid(field, "invalidCharacters");
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw invalid(field, "tooLong", "max", max);
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw invalid(field, "controlCharacters");
            }
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    /**
     * Required single-line text (titles, names): as {@link #text}, and refused if it holds a line break
     * of any kind or another control character anywhere, even where trimming would remove it. These fields
     * end up in email subjects and one-line views, where a break could start a forged header or line.
     */
    public static String line(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "required");
        }
        return optionalLine(field, value, max);
    }

    public static String optionalLine(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (breaksALine(value.charAt(i))) {
                throw invalid(field, "singleLine");
            }
        }
        return optionalText(field, value, max);
    }

    /**
     * Control characters (CR, LF, TAB, NEL and the rest of C0 and C1), LINE and PARAGRAPH SEPARATOR, and
     * the bidirectional embeddings, overrides and isolates, which reorder the text that follows them (a
     * right-to-left script needs none of them).
     */
    private static boolean breaksALine(char c) {
        return Character.isISOControl(c)
                || c == '\u2028'
                || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** True unless the text holds a surrogate that is not part of a pair. */
    private static boolean wellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static String phone(String field, String value) {
        String v = text(field, value, 32);
        if (!E164.matcher(v).matches()) {
            throw invalid(field, "phone");
        }
        return v;
    }

    public static String email(String field, String value) {
        String v = text(field, value, 254);
        if (!isEmail(v)) {
            throw invalid(field, "email");
        }
        return v;
    }

    /** local@label.label[...]: labels of letters, digits and '-', never starting or ending with '-'. */
    private static boolean isEmail(String v) {
        int at = v.indexOf('@');
        if (at < 0
                || at != v.lastIndexOf('@')
                || !EMAIL_LOCAL.matcher(v.substring(0, at)).matches()) {
            return false;
        }
        String[] labels = v.substring(at + 1).split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches() || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
        }
        return true;
    }

    public static String country(String field, String value) {
        String v = text(field, value, 2);
        if (!COUNTRIES.contains(v)) {
            throw invalid(field, "country");
        }
        return v;
    }

    public static String id(String field, String value) {
        String v = text(field, value, 64);
        if (!ID.matcher(v).matches()) {
            throw invalid(field, "id");
        }
        return v;
    }

    /** A query parameter naming one constant of {@code type}, e.g. {@code ?service=EXCHANGE_ONLINE}. */
    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "oneOf", "values", java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    public static <C extends Collection<?>> C size(String field, C values, int max) {
        if (values != null && values.size() > max) {
            throw invalid(field, "tooManyEntries", "max", max);
        }
        return values;
    }
}
