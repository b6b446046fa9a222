package com.supportdesk.cases;

import com.supportdesk.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The support phone line of each country, kept as data ({@code directory/phone-directory.json}): the
 * number as printed and as a {@code tel:} URI, the time zone of its hours and the languages it offers; its
 * name and hours in words are texts {@code directory.<country>.label} and {@code .hours} of the
 * {@code support} messages, in every language. Countries without a line of their own call the
 * {@code fallback} line, the regional operator's. Changing a number or a language is an edit of that file.
 */
final class PhoneDirectory {
    static final String RESOURCE = "/directory/phone-directory.json";

    private static final PhoneDirectory STANDARD = load();

    /** The file's shape. */
    record Data(String fallback, List<Line> lines) {}

    /** One line as the file holds it; its words are in the messages. */
    record Line(String country, String number, String tel, String zone, List<String> languages) {
        Line {
            languages = languages == null ? List.of() : List.copyOf(languages);
        }
    }

    private final Map<String, Line> byCountry;
    private final Line fallback;

    private PhoneDirectory(Map<String, Line> byCountry, Line fallback) {
        this.byCountry = byCountry;
        this.fallback = fallback;
    }

    static PhoneDirectory standard() {
        return STANDARD;
    }

    /** The line for {@code country} (ISO alpha-2, any case); the fallback line when it has none. */
    Line lineFor(String country) {
        return country == null ? fallback : byCountry.getOrDefault(country.toUpperCase(Locale.ROOT), fallback);
    }

    Line fallback() {
        return fallback;
    }

    /** Every country with a line of its own. */
    Map<String, Line> lines() {
        return byCountry;
    }

    static PhoneDirectory load() {
        Data data;
        try (InputStream in = PhoneDirectory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            data = Json.MAPPER.readValue(in, Data.class);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " cannot be read", e);
        }
        Map<String, Line> byCountry = new LinkedHashMap<>();
        for (Line line : data.lines()) {
            if (byCountry.put(line.country(), line) != null) {
                throw new IllegalStateException(RESOURCE + " lists " + line.country() + " twice");
            }
        }
        Line fallback = byCountry.get(data.fallback());
        if (fallback == null) {
            throw new IllegalStateException(RESOURCE + ": the fallback " + data.fallback() + " has no line");
        }
        return new PhoneDirectory(Map.copyOf(byCountry), fallback);
    }
}
