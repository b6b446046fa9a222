package com.supportdesk.i18n;

import com.supportdesk.model.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bundle of texts the API shows, one UTF-8 properties file per area and language
 * ({@code i18n/<area>_<tag>.properties}), with named placeholders ({@code {target}}). Every language
 * has the same keys and placeholders (a test holds them to it), so a text never falls back to another
 * language half-way through a response. Lists are numbered keys ({@code key.1}, {@code key.2}, ...), so a
 * language may phrase an example differently but never drop one.
 */
public final class Messages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final String name;
    private final Map<Language, Map<String, String>> texts;
    private final Map<String, String> areaOfKey;

    private Messages(String name, Map<Language, Map<String, String>> texts, Map<String, String> areaOfKey) {
        this.name = name;
        this.texts = texts;
        this.areaOfKey = areaOfKey;
    }

    /**
     * Loads every language of the areas {@code names} from the class path as one bundle; fails fast when a
     * file is missing or two areas define the same key.
     */
    public static Messages load(String... names) {
        Map<Language, Map<String, String>> texts = new EnumMap<>(Language.class);
        Map<String, String> areaOfKey = new TreeMap<>();
        for (Language language : Language.values()) {
            Map<String, String> all = new TreeMap<>();
            for (String area : names) {
                Map<String, String> read = read(resource(area, language));
                for (Map.Entry<String, String> entry : read.entrySet()) {
                    if (all.put(entry.getKey(), entry.getValue()) != null) {
                        throw new IllegalStateException(
                                "Key " + entry.getKey() + " is in more than one area: " + resource(area, language));
                    }
                    if (language == Language.EN) {
                        areaOfKey.put(entry.getKey(), area);
                    }
                }
            }
            texts.put(language, Collections.unmodifiableMap(all));
        }
        return new Messages(String.join("+", names), texts, Collections.unmodifiableMap(areaOfKey));
    }

    public static String resource(String name, Language language) {
        return "i18n/" + name + "_" + language.tag() + ".properties";
    }

    private static Map<String, String> read(String resource) {
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Message bundle " + resource + " is not on the class path");
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> map = new TreeMap<>();
            properties.forEach((k, v) -> map.put((String) k, (String) v));
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public Set<String> keys(Language language) {
        return Collections.unmodifiableSet(new TreeSet<>(texts.get(language).keySet()));
    }

    public boolean has(String key) {
        return texts.get(Language.EN).containsKey(key);
    }

    /** The area ({@code i18n/<area>_<tag>.properties}) an English key was read from. */
    public String area(String key) {
        String area = areaOfKey.get(key);
        if (area == null) {
            throw new IllegalStateException("No text " + key + " in " + name);
        }
        return area;
    }

    /** The raw text, placeholders unresolved. */
    public String raw(Language language, String key) {
        String text = texts.get(language).get(key);
        if (text == null) {
            throw new IllegalStateException("No text " + key + " in " + name + " (" + language.tag() + ")");
        }
        return text;
    }

    /** {@code text} in {@code language}; parameters that are texts themselves are written in it too. */
    public String text(Language language, Text text) {
        Map<String, Object> params = new TreeMap<>();
        text.params().forEach((k, v) -> params.put(k, v instanceof Text t ? text(language, t) : v));
        return text(language, text.key(), params);
    }

    /** The text of {@code key} in {@code language} with every placeholder replaced from {@code params}. */
    public String text(Language language, String key, Map<String, ?> params) {
        String raw = raw(language, key);
        Matcher m = PLACEHOLDER.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = params.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("Text " + key + " needs parameter " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    public String text(Language language, String key) {
        return text(language, key, Map.of());
    }

    /** {@code key.one} for a count of 1, {@code key.other} otherwise, with {@code {count}} set. */
    public String plural(Language language, String key, long count, Map<String, ?> params) {
        Map<String, Object> all = new TreeMap<>(params);
        all.put("count", count);
        return text(language, key + (count == 1 ? ".one" : ".other"), all);
    }

    /** The texts of {@code prefix.1}, {@code prefix.2}, ... up to the first number that is missing. */
    public List<String> list(Language language, String prefix) {
        List<String> items = new ArrayList<>();
        for (int i = 1; texts.get(language).containsKey(prefix + "." + i); i++) {
            items.add(texts.get(language).get(prefix + "." + i));
        }
        return List.copyOf(items);
    }

    /** The placeholder names a text uses. */
    public static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
