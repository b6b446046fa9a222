package com.supportdesk.lambda;

import com.supportdesk.api.Json;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Caller;
import com.supportdesk.refusal.Refusal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One HTTP API request as the domain needs it: route, parameters, headers, body and verified caller. */
public record ApiRequest(
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        String body,
        Caller caller) {

    public ApiRequest {
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        queryParameters = queryParameters == null ? Map.of() : Map.copyOf(queryParameters);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null || value.isBlank()) {
            throw Refusal.notFound(Text.of("NOT_FOUND.resource"));
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name)).filter(v -> !v.isBlank());
    }

    /** Header names are matched case-insensitively (HTTP API lower-cases them already). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).filter(v -> !v.isBlank());
    }

    /** The {@code Accept-Language} header, for the domain to choose the language of its words with. */
    public Optional<String> acceptLanguage() {
        return header("Accept-Language");
    }

    public <T> T body(Class<T> type) {
        return Json.read(body, type);
    }
}
