package com.supportdesk.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import java.util.Map;

/** A handler's answer: status, headers and the parsed JSON body. */
public record HttpResult(int status, Map<String, String> headers, String body) {

    public JsonNode json() {
        try {
            return body == null ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("Body is not JSON: " + body, e);
        }
    }

    public String errorCode() {
        return json().path("error").path("code").asText();
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
