package com.supportdesk.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.supportdesk.api.Json;
import com.supportdesk.runtime.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every HTTP handler logs inside the scope of its invocation, and leaves none open behind it. */
class HttpApiFunctionLogScopeTest {
    private static APIGatewayV2HTTPEvent get() {
        return HttpApiFunctionTest.agentGets("GET /things");
    }

    @Test
    void linesWrittenByARouteNameTheInvocationAndOnlyWhileItRuns() throws Exception {
        HttpApiFunction function = new HttpApiFunction(Map.of("GET /things", request -> {
            Log.info("listing_things", Map.of());
            return ApiResponse.ok(Map.of());
        })) {};
        TestContext first = TestContext.ofNewFunction("req-1");

        List<Map<String, Object>> lines = printedBy(() -> {
            function.handleRequest(get(), first);
            function.handleRequest(get(), first.next("req-2"));
            Log.info("after_invocations", Map.of());
        });

        assertThat(lines)
                .extracting(
                        line -> line.get("event"),
                        line -> line.get("function_request_id"),
                        line -> line.get("cold_start"),
                        line -> line.get("function_name"))
                .containsExactly(
                        tuple("listing_things", "req-1", true, first.functionName()),
                        tuple("listing_things", "req-2", false, first.functionName()),
                        tuple("after_invocations", null, null, null));
    }

    @Test
    void aFailingRouteLeavesNoScopeOpen() throws Exception {
        HttpApiFunction function = new HttpApiFunction(Map.of("GET /things", request -> {
            throw new IllegalStateException("boom");
        })) {};

        List<Map<String, Object>> lines = printedBy(() -> {
            function.handleRequest(get(), TestContext.ofNewFunction("req-1"));
            Log.info("after_invocation", Map.of());
        });

        assertThat(lines)
                .extracting(line -> line.get("event"), line -> line.get("function_request_id"))
                .containsExactly(tuple("unhandled", "req-1"), tuple("after_invocation", null));
    }

    private static List<Map<String, Object>> printedBy(Runnable action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {}));
            }
        }
        return lines;
    }
}
