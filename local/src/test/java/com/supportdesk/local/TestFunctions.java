package com.supportdesk.local;

import com.supportdesk.local.template.EventSource;
import com.supportdesk.local.template.FunctionDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Function definitions as the template reader would produce them, for tests that need no template. */
public final class TestFunctions {
    private TestFunctions() {}

    /** {@code routes}: "METHOD /path" entries. */
    public static FunctionDefinition http(String logicalId, String handlerClass, String... routes) {
        List<EventSource> events = new ArrayList<>();
        int i = 0;
        for (String route : routes) {
            String[] parts = route.split(" ", 2);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("Method", parts[0]);
            properties.put("Path", parts[1]);
            events.add(new EventSource("Route" + i++, "HttpApi", properties));
        }
        return new FunctionDefinition(
                logicalId, handlerClass + "::handleRequest", "unused", Map.of(), events, Map.of());
    }
}
