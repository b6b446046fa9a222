package com.supportdesk.local.gateway;

import com.supportdesk.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What goes back to the HTTP client: status, headers (a name may repeat, e.g. set-cookie) and body bytes. */
public record GatewayResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    public GatewayResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** API Gateway's own answers have this shape: {@code {"message":"Not Found"}}. */
    public static GatewayResponse message(int status, String message) {
        return json(status, Map.of("message", message));
    }

    public static GatewayResponse json(int status, Object body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("content-type", "application/json"));
        return new GatewayResponse(status, headers, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public GatewayResponse withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new GatewayResponse(status, more, body);
    }
}
