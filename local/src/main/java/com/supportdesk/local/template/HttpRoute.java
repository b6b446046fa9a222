package com.supportdesk.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A route of the HTTP API, e.g. {@code PUT /orgs/{tenantId}}, and the function behind it. */
public record HttpRoute(String method, String path, FunctionDefinition function) {

    /** The route key API Gateway puts into the event, e.g. {@code "PUT /orgs/{tenantId}"}. */
    public String routeKey() {
        return method + " " + path;
    }

    /** Path parameters when {@code requestPath} matches this route's template, else empty. */
    public Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equals(requestMethod)) {
            return Optional.empty();
        }
        List<String> template = segments(path);
        List<String> actual = segments(requestPath);
        if (template.size() != actual.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String a = actual.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (a.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(
                        t.substring(1, t.length() - 1),
                        java.net.URLDecoder.decode(a, java.nio.charset.StandardCharsets.UTF_8));
            } else if (!t.equals(a)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static List<String> segments(String path) {
        List<String> result = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            result.add(s);
        }
        if (!result.isEmpty() && result.get(0).isEmpty()) {
            result.remove(0);
        }
        return result;
    }
}
