package com.supportdesk.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.type.TypeReference;
import com.supportdesk.api.Json;
import com.supportdesk.i18n.Text;
import com.supportdesk.identity.Role;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.runtime.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a function's SnapStart priming sends, and what it must never do. */
class PrimingTest {

    /** A function that records what its routes were asked and answers as told. */
    static final class Recording extends HttpApiFunction {
        /** What {@code POST /things} was asked: it parses the body, then refuses, as write routes do. */
        final List<ApiRequest> posted;

        Recording(Route things, PrimingStep... priming) {
            this(new ArrayList<>(), things, priming);
        }

        private Recording(List<ApiRequest> posted, Route things, PrimingStep... priming) {
            super(Map.of("GET /things/{id}", things, "POST /things", request -> {
                posted.add(request);
                request.body(Map.class);
                throw Refusal.forbidden(Text.of("FORBIDDEN.role"));
            }));
            this.posted = posted;
            primeWith(priming);
        }
    }

    @Test
    void eachRequestReachesItsRouteAsAVerifiedCallerWithItsParameters() {
        List<ApiRequest> seen = new ArrayList<>();
        Recording function = new Recording(
                request -> {
                    seen.add(request);
                    throw Refusal.notFound(Text.of("NOT_FOUND.resource"));
                },
                PrimingRequest.to("GET /things/{id}")
                        .as(Role.ADMIN)
                        .path("id", "absent")
                        .query("view", "full")
                        .header("Idempotency-Key", "k"),
                PrimingRequest.to("POST /things").body("{\"a\": 1}"),
                PrimingStep.read("a read", () -> seen.add(null)));

        List<Priming.Outcome> outcomes = function.priming().run();

        assertThat(outcomes)
                .extracting(Priming.Outcome::step, Priming.Outcome::status, Priming.Outcome::failure)
                .containsExactly(
                        tuple("GET /things/{id}", 404, null),
                        tuple("POST /things", 403, null),
                        tuple("a read", 200, null));
        assertThat(seen).hasSize(2).endsWith((ApiRequest) null);
        ApiRequest get = seen.get(0);
        assertThat(get.path("id")).isEqualTo("absent");
        assertThat(get.query("view")).contains("full");
        assertThat(get.header("Idempotency-Key")).contains("k");
        assertThat(get.caller().has(Role.ADMIN)).isTrue();
        assertThat(get.caller().adminTenant()).isEqualTo(PrimingRequest.ABSENT_TENANT);
        assertThat(get.caller().subject()).isEqualTo(PrimingRequest.SUBJECT);
        ApiRequest post = function.posted.get(0);
        assertThat(post.caller().has(Role.AGENT)).isTrue();
        assertThat(post.body()).isEqualTo("{\"a\": 1}");
    }

    @Test
    void primingOpensNoLogScopeSoTheFirstRealInvocationIsStillTheColdStart() throws Exception {
        Recording function = new Recording(
                request -> {
                    Log.info("thing_read", Map.of());
                    return ApiResponse.ok(Map.of());
                },
                PrimingRequest.to("GET /things/{id}").path("id", "absent"));
        TestContext context = TestContext.ofNewFunction("req-1");

        List<Map<String, Object>> lines = printedBy(() -> {
            function.priming().beforeCheckpoint(null);
            function.priming().afterRestore(null);
            function.handleRequest(HttpApiFunctionTest.agentGets("GET /things/{id}"), context);
        });

        assertThat(lines)
                .extracting(
                        line -> line.get("event"),
                        line -> line.get("function_request_id"),
                        line -> line.get("cold_start"))
                .containsExactly(
                        tuple("thing_read", null, null),
                        tuple("snapstart_primed", null, null),
                        tuple("thing_read", "req-1", true));
        assertThat(lines.get(1).get("steps")).isEqualTo(List.of("GET /things/{id} 200"));
    }

    @Test
    void aFailingPrimingIsLoggedAndTheFunctionStillAnswers() throws Exception {
        boolean[] broken = {true};
        Recording function = new Recording(
                request -> {
                    if (broken[0]) {
                        throw new NoClassDefFoundError("software/amazon/awssdk/Missing");
                    }
                    return ApiResponse.ok(Map.of("ok", true));
                },
                PrimingRequest.to("GET /things/{id}").path("id", "absent"),
                PrimingRequest.to("POST /things").body("not json"),
                PrimingStep.read("topic attributes", () -> {
                    throw new IllegalStateException("no topic");
                }));

        List<Map<String, Object>> lines = printedBy(() -> {
            try {
                function.priming().beforeCheckpoint(null);
            } catch (Exception e) {
                throw new AssertionError("priming must never throw", e);
            }
        });

        assertThat(lines).extracting(line -> line.get("event")).containsExactly("snapstart_primed");
        assertThat(lines.get(0).get("steps"))
                .isEqualTo(List.of(
                        "GET /things/{id} java.lang.NoClassDefFoundError",
                        "POST /things 400",
                        "topic attributes java.lang.IllegalStateException"));
        broken[0] = false;
        assertThat(function.handleRequest(
                                HttpApiFunctionTest.agentGets("GET /things/{id}"), TestContext.ofNewFunction("r"))
                        .getStatusCode())
                .isEqualTo(200);
    }

    @Test
    void aHandlerThatIsNotAnHttpFunctionPrimesWithReads() throws Exception {
        List<String> read = new ArrayList<>();
        Priming priming = Priming.reads(
                PrimingStep.read("due clocks", () -> read.add("due clocks")), PrimingStep.read("deliveries", () -> {
                    throw new IllegalStateException("table missing");
                }));

        List<Map<String, Object>> lines = printedBy(() -> priming.beforeCheckpoint(null));

        assertThat(read).containsExactly("due clocks");
        assertThat(lines.get(0).get("steps"))
                .isEqualTo(List.of("due clocks 200", "deliveries java.lang.IllegalStateException"));
    }

    @Test
    void aFunctionWithoutPrimingRequestsPrimesNothing() throws Exception {
        HttpApiFunction function = new HttpApiFunction(Map.of("GET /x", request -> ApiResponse.noContent())) {};
        assertThat(function.priming()).isSameAs(Priming.NONE);
        assertThat(printedBy(() -> function.priming().run())).isEmpty();
    }

    @Test
    void theEventIsWhatApiGatewaySendsForThatRoute() throws Exception {
        PrimingRequest request = PrimingRequest.to("PATCH /cases/{caseId}/notes/{noteId}")
                .as(Role.USER)
                .path("caseId", "CS-1")
                .path("noteId", "N-2")
                .query("a", "1")
                .body("{}");

        Map<String, Object> event =
                Json.MAPPER.readValue(Priming.eventJson(request), new TypeReference<Map<String, Object>>() {});

        assertThat(event)
                .containsEntry("routeKey", "PATCH /cases/{caseId}/notes/{noteId}")
                .containsEntry("rawPath", "/cases/CS-1/notes/N-2")
                .containsEntry("rawQueryString", "a=1")
                .containsEntry("headers", Map.of("content-type", "application/json"))
                .containsEntry("body", "{}");
        assertThat(event.get("requestContext").toString())
                .contains("method=PATCH", "tenant_id=" + PrimingRequest.ABSENT_TENANT, "groups=[user]");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static List<Map<String, Object>> printedBy(Action action) throws Exception {
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
