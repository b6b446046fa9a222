package com.supportdesk.runtime;

import java.time.Clock;
import java.util.Map;

/**
 * One JSON object per line on standard output, which the Lambda JSON log format keeps as structured
 * data. Callers pass only fields that are safe to keep: never a body, a code or a token.
 *
 * <p>Lines use the field names of Powertools for AWS Lambda (Java), so queries written for Powertools
 * work here: {@code timestamp}, {@code level}, {@code message}, {@code service}, and inside an open
 * {@link LogScope} also {@code cold_start}, {@code function_name}, {@code function_version},
 * {@code function_arn}, {@code function_memory_size}, {@code function_request_id} and, when traced,
 * {@code xray_trace_id}. The event name is both the {@code message} and the {@code event} field, which
 * existing queries use. A caller's field named like one of these is dropped, as Powertools does, so
 * that such a field always means the same thing.
 */
public final class Log {
    // A lambda, not System.out::println: that would keep the stream of class-init time, and tests
    // that redirect System.out would see nothing.
    private static final LogWriter STANDARD_OUT =
            new LogWriter(line -> System.out.println(line), Clock.systemUTC(), System.getenv());

    private Log() {}

    public static void info(String event, Map<String, ?> fields) {
        STANDARD_OUT.write("INFO", event, fields, null);
    }

    public static void error(String event, Map<String, ?> fields, Throwable error) {
        STANDARD_OUT.write("ERROR", event, fields, error);
    }
}
