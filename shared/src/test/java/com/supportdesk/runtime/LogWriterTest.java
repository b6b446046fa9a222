package com.supportdesk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.type.TypeReference;
import com.supportdesk.api.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LogWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07.089Z"), ZoneId.of("Asia/Tokyo"));

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final LogWriter writer = new LogWriter(lines::add, CLOCK, Map.of());

    /** Cold starts are counted per function name for the whole JVM, so every test takes a new name. */
    private static String newFunctionName() {
        return "fn-" + UUID.randomUUID();
    }

    private static Invocation invocation(String requestId, String functionName, String traceId) {
        return new Invocation(
                requestId,
                functionName,
                "7",
                "arn:aws:lambda:eu-west-1:123456789012:function:" + functionName + ":live",
                512,
                traceId);
    }

    /** Each line must be one JSON object on one line. */
    private List<Map<String, Object>> written() throws Exception {
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).doesNotContain("\n");
            parsed.add(Json.MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {}));
        }
        return parsed;
    }

    private Map<String, Object> onlyLine() throws Exception {
        assertThat(lines).hasSize(1);
        return written().get(0);
    }

    @Test
    void aLineInsideAScopeNamesTheInvocationWithPowertoolsFieldNames() throws Exception {
        String function = newFunctionName();
        try (LogScope scope = LogScope.open(invocation("req-1", function, "1-5759e988-bd862e3fe1be46a994272793"))) {
            writer.write("INFO", "case_opened", Map.of("caseId", "CS-1"), null);
        }

        assertThat(onlyLine())
                .containsEntry("timestamp", "2025-03-04T05:06:07.089Z")
                .containsEntry("level", "INFO")
                .containsEntry("message", "case_opened")
                .containsEntry("event", "case_opened")
                .containsEntry("service", function)
                .containsEntry("cold_start", true)
                .containsEntry("function_name", function)
                .containsEntry("function_version", "7")
                .containsEntry("function_arn", "arn:aws:lambda:eu-west-1:123456789012:function:" + function + ":live")
                .containsEntry("function_memory_size", 512)
                .containsEntry("function_request_id", "req-1")
                .containsEntry("xray_trace_id", "1-5759e988-bd862e3fe1be46a994272793")
                .containsEntry("caseId", "CS-1")
                .doesNotContainKey("sampling_rate");
    }

    @Test
    void onlyTheFirstInvocationOfAFunctionIsAColdStart() throws Exception {
        String function = newFunctionName();
        String other = newFunctionName();
        for (String requestId : List.of("req-1", "req-2")) {
            try (LogScope scope = LogScope.open(invocation(requestId, function, null))) {
                writer.write("INFO", "work", Map.of(), null);
            }
        }
        try (LogScope scope = LogScope.open(invocation("req-3", other, null))) {
            writer.write("INFO", "work", Map.of(), null);
        }

        assertThat(written())
                .extracting(line -> line.get("function_request_id"), line -> line.get("cold_start"))
                .containsExactly(tuple("req-1", true), tuple("req-2", false), tuple("req-3", true));
    }

    @Test
    void anUntracedInvocationHasNoTraceId() throws Exception {
        try (LogScope scope = LogScope.open(invocation("req-1", newFunctionName(), null))) {
            writer.write("INFO", "work", Map.of(), null);
        }

        assertThat(onlyLine()).containsEntry("function_request_id", "req-1").doesNotContainKey("xray_trace_id");
    }

    @Test
    void aLineOutsideAnyScopeNamesNoInvocation() throws Exception {
        writer.write("INFO", "init", Map.of("table", "Cases"), null);

        assertThat(onlyLine())
                .containsEntry("message", "init")
                .containsEntry("event", "init")
                .containsEntry("table", "Cases")
                .doesNotContainKeys(
                        "function_request_id",
                        "cold_start",
                        "function_name",
                        "function_arn",
                        "function_version",
                        "function_memory_size",
                        "xray_trace_id",
                        "service");
    }

    @Test
    void closingTheScopeEndsItOnThatThread() throws Exception {
        LogScope scope = LogScope.open(invocation("req-1", newFunctionName(), null));
        scope.close();
        scope.close();
        writer.write("INFO", "after", Map.of(), null);

        assertThat(onlyLine()).doesNotContainKey("function_request_id");
    }

    @Test
    void aNestedScopeHandsBackTheEnclosingOne() throws Exception {
        try (LogScope outer = LogScope.open(invocation("outer", newFunctionName(), null))) {
            try (LogScope inner = LogScope.open(invocation("inner", newFunctionName(), null))) {
                writer.write("INFO", "in_inner", Map.of(), null);
            }
            writer.write("INFO", "in_outer", Map.of(), null);
        }
        writer.write("INFO", "outside", Map.of(), null);

        assertThat(written())
                .extracting(line -> line.get("function_request_id"))
                .containsExactly("inner", "outer", null);
    }

    @Test
    void theServiceIsTheConfiguredOneThenTheFunctionName() throws Exception {
        String function = newFunctionName();
        LogWriter configured = new LogWriter(
                lines::add, CLOCK, Map.of("POWERTOOLS_SERVICE_NAME", "support-desk", "AWS_LAMBDA_FUNCTION_NAME", "x"));
        LogWriter atInit =
                new LogWriter(lines::add, CLOCK, Map.of("AWS_LAMBDA_FUNCTION_NAME", "OrganizationsFunction"));

        try (LogScope scope = LogScope.open(invocation("req-1", function, null))) {
            configured.write("INFO", "configured", Map.of(), null);
            atInit.write("INFO", "scoped", Map.of(), null);
        }
        atInit.write("INFO", "init", Map.of(), null);

        assertThat(written())
                .extracting(line -> line.get("service"))
                .containsExactly("support-desk", function, "OrganizationsFunction");
    }

    @Test
    void aCallerFieldCannotTakeTheNameOfAStandardField() throws Exception {
        try (LogScope scope = LogScope.open(invocation("req-1", newFunctionName(), null))) {
            writer.write(
                    "INFO",
                    "work",
                    Map.of("function_request_id", "forged", "message", "forged", "event", "forged", "kept", "yes"),
                    null);
        }

        assertThat(onlyLine())
                .containsEntry("function_request_id", "req-1")
                .containsEntry("message", "work")
                .containsEntry("event", "work")
                .containsEntry("kept", "yes");
    }

    @Test
    void anErrorNamesWhereItWasThrownButNotItsMessage() throws Exception {
        writer.write(
                "ERROR",
                "failed",
                Map.of("exception", "java.lang.IllegalStateException"),
                new IllegalStateException("secret 12345678"));

        Map<String, Object> line = onlyLine();
        assertThat(line).containsEntry("level", "ERROR").containsKey("at");
        assertThat(lines.peek()).doesNotContain("secret");
    }

    @Test
    void concurrentInvocationsKeepTheirOwnRequestIds() throws Exception {
        String function = newFunctionName();
        int linesPerThread = 200;
        // Both threads are inside their scopes before either writes, so their lines interleave.
        CyclicBarrier bothOpen = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String requestId : List.of("req-a", "req-b")) {
                done.add(threads.submit(() -> {
                    try (LogScope scope = LogScope.open(invocation(requestId, function, null))) {
                        bothOpen.await(5, TimeUnit.SECONDS);
                        for (int i = 0; i < linesPerThread; i++) {
                            writer.write("INFO", "work", Map.of("writtenFor", requestId), null);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        List<Map<String, Object>> written = written();
        assertThat(written).hasSize(2 * linesPerThread);
        assertThat(written)
                .allSatisfy(line -> assertThat(line.get("function_request_id")).isEqualTo(line.get("writtenFor")));
        // Two first invocations race; exactly one of them is the cold start, for all of its lines.
        assertThat(written.stream()
                        .filter(line -> Boolean.TRUE.equals(line.get("cold_start")))
                        .collect(Collectors.groupingBy(line -> line.get("function_request_id"), Collectors.counting())))
                .hasSize(1)
                .containsValue((long) linesPerThread);
    }
}
