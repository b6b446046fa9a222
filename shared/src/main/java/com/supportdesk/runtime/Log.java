package com.supportdesk.runtime;

import com.supportdesk.api.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line on standard output, which the Lambda JSON log format keeps as structured
 * data. Callers pass only fields that are safe to keep: never a body, a code or a token.
 */
public final class Log {
    private Log() {}

    public static void info(String event, Map<String, ?> fields) {
        write("INFO", event, fields, null);
    }

    public static void error(String event, Map<String, ?> fields, Throwable error) {
        write("ERROR", event, fields, error);
    }

    private static void write(String level, String event, Map<String, ?> fields, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("event", event);
        line.putAll(fields);
        if (error != null) {
            StackTraceElement[] trace = error.getStackTrace();
            line.put("at", trace.length > 0 ? trace[0].toString() : "");
        }
        System.out.println(Json.write(line));
    }
}
