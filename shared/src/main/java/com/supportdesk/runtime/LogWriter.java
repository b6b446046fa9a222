package com.supportdesk.runtime;

import com.supportdesk.api.Json;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Turns one log call into one JSON line for a sink; {@link Log} holds the one that prints. */
final class LogWriter {
    /** The pattern of Powertools' JSON layout, always in UTC. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Powertools' own keys and ours: a caller's field never takes one of these names. */
    private static final Set<String> STANDARD_FIELDS = Set.of(
            "timestamp",
            "level",
            "message",
            "event",
            "service",
            "cold_start",
            "function_name",
            "function_version",
            "function_arn",
            "function_memory_size",
            "function_request_id",
            "xray_trace_id",
            "sampling_rate",
            "correlation_id");

    private final Consumer<String> sink;
    private final Clock clock;
    private final String configuredService;
    private final String functionNameAtInit;

    /**
     * @param environment read once: {@code POWERTOOLS_SERVICE_NAME} names the service; otherwise the
     *     function's name is used, from the open scope or, during init, from {@code AWS_LAMBDA_FUNCTION_NAME}
     */
    LogWriter(Consumer<String> sink, Clock clock, Map<String, String> environment) {
        this.sink = sink;
        this.clock = clock;
        this.configuredService = nonBlank(environment.get("POWERTOOLS_SERVICE_NAME"));
        this.functionNameAtInit = nonBlank(environment.get("AWS_LAMBDA_FUNCTION_NAME"));
    }

    void write(String level, String event, Map<String, ?> fields, Throwable error) {
        LogScope scope = LogScope.current();
        Invocation invocation = scope == null ? null : scope.invocation();

        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", TIMESTAMP.format(clock.instant()));
        line.put("level", level);
        line.put("message", event);
        line.put("event", event);
        putIfKnown(line, "service", service(invocation));
        if (scope != null) {
            line.put("cold_start", scope.coldStart());
            putIfKnown(line, "function_name", invocation.functionName());
            putIfKnown(line, "function_version", invocation.functionVersion());
            putIfKnown(line, "function_arn", invocation.functionArn());
            if (invocation.memorySizeMb() > 0) {
                line.put("function_memory_size", invocation.memorySizeMb());
            }
            putIfKnown(line, "function_request_id", invocation.requestId());
            putIfKnown(line, "xray_trace_id", invocation.xrayTraceId());
        }
        fields.forEach((name, value) -> {
            if (!STANDARD_FIELDS.contains(name)) {
                line.put(name, value);
            }
        });
        if (error != null) {
            // Only where it was thrown: a message or a deeper frame may quote request data.
            StackTraceElement[] trace = error.getStackTrace();
            line.put("at", trace.length > 0 ? trace[0].toString() : "");
        }
        sink.accept(Json.write(line));
    }

    private String service(Invocation invocation) {
        if (configuredService != null) {
            return configuredService;
        }
        if (invocation != null && invocation.functionName() != null) {
            return invocation.functionName();
        }
        return functionNameAtInit;
    }

    private static void putIfKnown(Map<String, Object> line, String name, String value) {
        if (value != null) {
            line.put(name, value);
        }
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
