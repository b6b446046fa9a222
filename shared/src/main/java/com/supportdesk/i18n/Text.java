package com.supportdesk.i18n;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A text to be written in the reader's language later: a key of the API's message bundles ({@link ApiTexts})
 * and its named parameters. A parameter may itself be a {@code Text} (a category's name, a channel), which
 * is written in the same language. The domain says <em>what</em> to tell; the adapter that knows the reader
 * picks the language.
 */
public record Text(String key, Map<String, Object> params) {

    public Text {
        Objects.requireNonNull(key, "key");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Text of(String key) {
        return new Text(key, Map.of());
    }

    public static Text of(String key, String name, Object value) {
        return new Text(key, params(name, value));
    }

    public static Text of(String key, String name1, Object value1, String name2, Object value2) {
        Map<String, Object> params = params(name1, value1);
        params.put(name2, Objects.requireNonNull(value2, name2));
        return new Text(key, params);
    }

    public static Text of(
            String key, String name1, Object value1, String name2, Object value2, String name3, Object value3) {
        Map<String, Object> params = params(name1, value1);
        params.put(name2, Objects.requireNonNull(value2, name2));
        params.put(name3, Objects.requireNonNull(value3, name3));
        return new Text(key, params);
    }

    private static Map<String, Object> params(String name, Object value) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(name, Objects.requireNonNull(value, name));
        return params;
    }

    /** This text in {@code language}. */
    public String in(com.supportdesk.model.Language language) {
        return ApiTexts.bundle().text(language, this);
    }
}
