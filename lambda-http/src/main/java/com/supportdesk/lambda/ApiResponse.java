package com.supportdesk.lambda;

import com.supportdesk.model.Language;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, an optional body object (rendered as JSON, or sent as it is when it is a
 * {@link Text}) and extra headers.
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    /** A body that is not JSON (a CSV export): sent as it is, with its own content type. */
    public record Text(String contentType, String content) {}

    public ApiResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body, String location) {
        return new ApiResponse(201, body, Map.of("location", location));
    }

    /** 200 with a text body of the given content type, and extra headers (a download's file name). */
    public static ApiResponse text(String contentType, String content, Map<String, String> headers) {
        return new ApiResponse(200, new Text(contentType, content), headers);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }

    /** This response with {@code Content-Language}: the language its words are written in. */
    public ApiResponse inLanguage(Language language) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("content-language", language.tag());
        return new ApiResponse(status, body, all);
    }
}
