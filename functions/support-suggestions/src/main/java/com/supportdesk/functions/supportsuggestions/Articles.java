package com.supportdesk.functions.supportsuggestions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.supportdesk.api.Json;
import com.supportdesk.model.Language;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The curated article set: one JSON file per language on the class path, edited as data. */
public final class Articles {
    static final String FOLDER = "articles/";

    private Articles() {}

    public static List<Article> of(Language language) {
        String resource = FOLDER + language.tag() + ".json";
        try (InputStream in = Articles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return List.copyOf(Json.MAPPER.readValue(in, new TypeReference<List<Article>>() {}));
        } catch (IOException e) {
            throw new IllegalStateException(resource + " cannot be read", e);
        }
    }
}
