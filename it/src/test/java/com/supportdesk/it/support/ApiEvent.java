package com.supportdesk.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * One API Gateway v2 event for a route, started from the route's sample in {@code events/} and changed
 * field by field: who calls (the claims the JWT authorizer would pass), path and query values, headers
 * and body. The path and the raw path stay consistent with each other.
 */
public final class ApiEvent {
    private static final Map<String, Path> SAMPLES = samples();

    private final ObjectNode json;

    private ApiEvent(ObjectNode json) {
        this.json = json;
    }

    /** The sample event of {@code routeKey} (for example {@code "POST /cases"}). */
    public static ApiEvent of(String routeKey) {
        Path file = SAMPLES.get(routeKey);
        if (file == null) {
            throw new IllegalArgumentException("No sample event for " + routeKey);
        }
        return new ApiEvent(Handlers.sampleEvent(file.getFileName().toString()));
    }

    /** An independent copy of {@code event}, to change without changing the original. */
    public static ApiEvent copyOf(ApiEvent event) {
        return new ApiEvent(event.json.deepCopy());
    }

    public String routeKey() {
        return json.path("routeKey").asText();
    }

    /** The claims of the verified token; {@code null} sends the request with no authorizer context at all. */
    public ApiEvent claims(Map<String, String> claims) {
        ObjectNode context = json.withObject("requestContext");
        if (claims == null) {
            context.remove("authorizer");
            return this;
        }
        ObjectNode target = context.withObject("authorizer").withObject("jwt").putObject("claims");
        claims.forEach(target::put);
        return this;
    }

    public ApiEvent path(String name, String value) {
        json.withObject("pathParameters").put(name, value);
        String template = routeKey().substring(routeKey().indexOf(' ') + 1);
        String raw = template;
        for (Map.Entry<String, JsonNode> p : json.withObject("pathParameters").properties()) {
            raw = raw.replace("{" + p.getKey() + "}", p.getValue().asText());
        }
        json.put("rawPath", raw);
        json.withObject("requestContext").withObject("http").put("path", raw);
        return this;
    }

    /** Replaces the query string. */
    public ApiEvent query(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            json.remove("queryStringParameters");
            json.put("rawQueryString", "");
            return this;
        }
        ObjectNode q = json.putObject("queryStringParameters");
        StringJoiner raw = new StringJoiner("&");
        parameters.forEach((k, v) -> {
            q.put(k, v);
            raw.add(k + "=" + v);
        });
        json.put("rawQueryString", raw.toString());
        return this;
    }

    public ApiEvent header(String name, String value) {
        if (value == null) {
            json.withObject("headers").remove(name);
        } else {
            json.withObject("headers").put(name, value);
        }
        return this;
    }

    public ApiEvent body(String raw) {
        if (raw == null) {
            json.remove("body");
        } else {
            json.put("body", raw);
        }
        json.put("isBase64Encoded", false);
        return this;
    }

    public ApiEvent body(JsonNode body) {
        return body(body.toString());
    }

    public ApiEvent base64Body(String base64) {
        json.put("body", base64);
        json.put("isBase64Encoded", true);
        return this;
    }

    /** The sample's body as a JSON object, to edit and send back with {@link #body(JsonNode)}. */
    public ObjectNode sampleBody() {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json.path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode json() {
        return json;
    }

    @Override
    public String toString() {
        return routeKey() + " " + json.path("pathParameters") + " " + json.path("queryStringParameters") + " "
                + json.path("body").asText("");
    }

    private static Map<String, Path> samples() {
        Map<String, Path> samples = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Handlers.repository().resolve("events"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                samples.put(Json.MAPPER.readTree(file.toFile()).path("routeKey").asText(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }
}
