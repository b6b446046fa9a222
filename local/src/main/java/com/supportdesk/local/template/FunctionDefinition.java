package com.supportdesk.local.template;

import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function}: handler ({@code package.Class::method}), environment (Globals
 * merged with its own, values still unresolved intrinsics) and its event sources.
 */
public record FunctionDefinition(
        String logicalId,
        String handler,
        String codeUri,
        Map<String, Object> environment,
        List<EventSource> events,
        Map<String, Object> properties) {

    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    public List<HttpRoute> httpRoutes() {
        return events.stream()
                .filter(e -> e.type().equals("HttpApi"))
                .map(e -> new HttpRoute(
                        String.valueOf(e.properties().get("Method")).toUpperCase(java.util.Locale.ROOT),
                        String.valueOf(e.properties().get("Path")),
                        this))
                .toList();
    }

    public List<EventSource> eventsOfType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
