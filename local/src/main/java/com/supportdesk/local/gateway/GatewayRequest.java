package com.supportdesk.local.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as it reached the local API, before any API Gateway processing: method, raw path and
 * query (still percent-encoded), headers in arrival order (names as sent), body bytes and the caller's address.
 */
public record GatewayRequest(
        String method,
        String rawPath,
        String rawQuery,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        String sourceIp) {

    public GatewayRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        return headers.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** Convenience for code that calls the gateway directly (the demo seed, tests). */
    public static GatewayRequest of(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<Map.Entry<String, String>> list = new ArrayList<>();
        headers.forEach((k, v) -> list.add(Map.entry(k, v)));
        return new GatewayRequest(method.toUpperCase(Locale.ROOT), path, query, list, body, "127.0.0.1");
    }
}
