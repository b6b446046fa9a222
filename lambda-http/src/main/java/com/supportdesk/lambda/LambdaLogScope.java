package com.supportdesk.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.supportdesk.runtime.Invocation;
import com.supportdesk.runtime.LogScope;

/**
 * Opens the {@link LogScope} of one invocation from what the Lambda runtime gives it, for any handler
 * (HTTP, scheduled, SQS):
 *
 * <pre>{@code
 * try (LogScope scope = LambdaLogScope.open(context)) {
 *     ...
 * }
 * }</pre>
 */
public final class LambdaLogScope {
    /** Where the Java runtime puts each invocation's trace header. */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    /**
     * Where other runtimes put it. A running JVM cannot see its environment change, so this is read only
     * when the property is absent.
     */
    static final String TRACE_HEADER_VARIABLE = "_X_AMZN_TRACE_ID";

    private LambdaLogScope() {}

    /** A {@code null} context (handlers called directly by tests) opens a scope that names no invocation. */
    public static LogScope open(Context context) {
        String traceId = xrayTraceId(System.getProperty(TRACE_HEADER_PROPERTY), System.getenv(TRACE_HEADER_VARIABLE));
        if (context == null) {
            return LogScope.open(new Invocation(null, null, null, null, 0, traceId));
        }
        return LogScope.open(new Invocation(
                context.getAwsRequestId(),
                context.getFunctionName(),
                context.getFunctionVersion(),
                context.getInvokedFunctionArn(),
                context.getMemoryLimitInMB(),
                traceId,
                context.getLogStreamName()));
    }

    /**
     * The trace id of an X-Ray trace header such as {@code Root=1-5759e988-bd862e3fe1be46a994272793;
     * Parent=53995c3f42cd8ad8;Sampled=1}: the {@code Root} value, as Powertools logs it. The property wins
     * because the runtime updates it for every invocation.
     */
    static String xrayTraceId(String headerFromProperty, String headerFromVariable) {
        String header = isBlank(headerFromProperty) ? headerFromVariable : headerFromProperty;
        if (isBlank(header)) {
            return null;
        }
        for (String part : header.split(";")) {
            String trimmed = part.strip();
            if (trimmed.startsWith("Root=") && trimmed.length() > "Root=".length()) {
                return trimmed.substring("Root=".length());
            }
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
