package com.supportdesk.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.local.gateway.GatewayRequest;
import com.supportdesk.local.gateway.GatewayResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The API Gateway HTTP API payload format 2.0, both ways: a request becomes the event JSON a function
 * receives, and the function's JSON result becomes the HTTP response. Shapes follow what API Gateway sends
 * and accepts, including its quirks (header names lower-cased and repeated values comma-joined, the cookie
 * header moved to {@code cookies}, repeated query parameters comma-joined, array claims flattened to
 * {@code "[a b]"}, binary bodies base64-encoded).
 */
public final class HttpApiEvents {
    public static final String API_ID = "local";
    public static final String STAGE = "$default";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpApiEvents() {}

    /** What the gateway knows about a request once a route is chosen and the caller verified. */
    public record Invocation(
            String routeKey,
            Map<String, String> pathParameters,
            Map<String, Object> jwtClaims,
            String requestId,
            Instant time,
            String accountId,
            int port) {}

    public static ObjectNode event(GatewayRequest request, Invocation invocation) {
        ObjectNode event = NODES.objectNode();
        event.put("version", "2.0");
        event.put("routeKey", invocation.routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String cookie : header.getValue().split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.trim());
                    }
                }
                continue;
            }
            headers.merge(name, header.getValue(), (a, b) -> a + "," + b);
        }
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", Integer.toString(invocation.port()));
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);

        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        if (!invocation.pathParameters().isEmpty()) {
            ObjectNode pathNode = event.putObject("pathParameters");
            invocation.pathParameters().forEach(pathNode::put);
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", invocation.accountId());
        context.put("apiId", API_ID);
        String host = headers.getOrDefault("host", "localhost");
        context.put("domainName", host);
        context.put(
                "domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host.replaceAll(":.*", ""));
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", invocation.requestId());
        context.put("routeKey", invocation.routeKey());
        context.put("stage", STAGE);
        context.put("time", TIME.format(invocation.time()));
        context.put("timeEpoch", invocation.time().toEpochMilli());
        if (invocation.jwtClaims() != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            invocation.jwtClaims().forEach((name, value) -> claims.put(name, flattenClaim(value)));
            List<String> scopes = scopes(invocation.jwtClaims());
            if (scopes == null) {
                jwt.putNull("scopes");
            } else {
                ArrayNode array = jwt.putArray("scopes");
                scopes.forEach(array::add);
            }
        }

        byte[] body = request.body();
        if (body.length > 0) {
            String contentType = headers.getOrDefault("content-type", "");
            if (isText(contentType)) {
                event.put("body", new String(body, StandardCharsets.UTF_8));
                event.put("isBase64Encoded", false);
            } else {
                event.put("body", Base64.getEncoder().encodeToString(body));
                event.put("isBase64Encoded", true);
            }
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Decoded query parameters; a repeated name gets its values joined by commas, as API Gateway does. */
    public static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.merge(name, value, (a, b) -> a + "," + b);
        }
        return result;
    }

    /**
     * Claims reach Lambda as strings: strings as they are, numbers and booleans as text, arrays as
     * {@code [a b c]} and objects as {@code map[k:v]} (the formatting of API Gateway's Go implementation).
     */
    public static String flattenClaim(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            StringJoiner joiner = new StringJoiner(" ", "[", "]");
            list.forEach(item -> joiner.add(flattenClaim(item)));
            return joiner.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner joiner = new StringJoiner(" ", "map[", "]");
            map.forEach((k, v) -> joiner.add(k + ":" + flattenClaim(v)));
            return joiner.toString();
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    /** From {@code scope} (space-separated) or {@code scp} (array or string); null when the token has none. */
    public static List<String> scopes(Map<String, Object> claims) {
        Object raw = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
        if (raw == null) {
            return null;
        }
        if (raw instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(raw).trim().split("\\s+"));
    }

    /** API Gateway passes these as text and base64-encodes everything else (including a missing content type). */
    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.endsWith("+json")
                || type.equals("application/xml")
                || type.endsWith("+xml")
                || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded");
    }

    /**
     * The function's JSON result as HTTP: the structured form ({@code statusCode}, {@code headers},
     * {@code multiValueHeaders}, {@code cookies}, {@code body}, {@code isBase64Encoded}); any other valid
     * JSON is, as API Gateway infers it, a 200 with that JSON as the body.
     */
    public static GatewayResponse response(byte[] resultJson) {
        JsonNode result;
        try {
            result = Json.MAPPER.readTree(resultJson);
        } catch (IOException e) {
            return GatewayResponse.message(500, "Internal Server Error");
        }
        if (result == null || !result.isObject() || !result.has("statusCode")) {
            List<Map.Entry<String, String>> headers = List.of(Map.entry("content-type", "application/json"));
            return new GatewayResponse(200, headers, resultJson);
        }
        int status = result.path("statusCode").asInt(0);
        if (status < 100 || status > 599) {
            return GatewayResponse.message(500, "Internal Server Error");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode single = result.path("headers");
        for (Iterator<Map.Entry<String, JsonNode>> it = single.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (!h.getValue().isNull()) {
                headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(h.getValue().asText());
            }
        }
        JsonNode multi = result.path("multiValueHeaders");
        for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            List<String> values = headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            h.getValue().forEach(v -> {
                if (!values.contains(v.asText())) {
                    values.add(v.asText());
                }
            });
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        headers.forEach((name, values) -> out.add(Map.entry(name, String.join(",", values))));
        result.path("cookies").forEach(c -> out.add(Map.entry("set-cookie", c.asText())));
        byte[] body = new byte[0];
        JsonNode bodyNode = result.path("body");
        if (bodyNode.isTextual()) {
            if (result.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(bodyNode.asText());
                } catch (IllegalArgumentException e) {
                    return GatewayResponse.message(500, "Internal Server Error");
                }
            } else {
                body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
            }
        }
        return new GatewayResponse(status, out, body);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
