package com.supportdesk.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.local.LocalOutbox;
import com.supportdesk.local.SimulatedClock;
import com.supportdesk.local.TestFunctions;
import com.supportdesk.local.auth.LocalTokens;
import com.supportdesk.local.lambda.LocalFunction;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.testfunctions.EchoHandler;
import com.supportdesk.runtime.FunctionEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway without emulators or sockets: a test function behind template-shaped routes. */
class LocalGatewayTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private final SimulatedClock clock = SimulatedClock.startingAt(START, () -> 0L);
    private final LocalTokens tokens = new LocalTokens(
            LocalTokens.randomSecret(), LocalTokens.LOCAL_ISSUER, LocalTokens.LOCAL_AUDIENCE, Clock.systemUTC());
    private final LocalOutbox outbox = new LocalOutbox(clock);
    private final LocalGateway gateway;

    LocalGatewayTest() {
        FunctionDefinition echo = TestFunctions.http(
                "EchoFunction", EchoHandler.class.getName(), "GET /things/{thingId}", "PUT /things/{thingId}");
        FunctionDefinition missing = TestFunctions.http("MissingFunction", "com.example.Missing", "GET /missing");
        LocalFunction function = LocalFunction.load(
                echo,
                FunctionEnvironment.of(Map.of(), clock),
                getClass().getClassLoader(),
                Duration.ofSeconds(15),
                1024,
                "arn");
        List<com.supportdesk.local.template.HttpRoute> routes = new ArrayList<>(echo.httpRoutes());
        routes.addAll(missing.httpRoutes());
        gateway = new LocalGateway(
                new Router(routes),
                Map.of("EchoFunction", function),
                Map.of("MissingFunction", "not on the class path"),
                tokens,
                clock,
                outbox,
                List::of,
                () -> 3000);
    }

    private String token(String tenant, String... groups) {
        return tokens.issue("someone", tenant, List.of(groups), Duration.ofMinutes(5));
    }

    private GatewayResponse send(String method, String path, String token, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        headers.put("Content-Type", "application/json");
        return gateway.handle(GatewayRequest.of(
                method, path, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode json(GatewayResponse response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void aRouteWithAValidTokenReachesTheFunctionWithItsClaims() throws Exception {
        GatewayResponse response = send("PUT", "/things/t1?x=1&x=2", token("contoso", "admin", "agent"), "{\"a\":1}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).contains(Map.entry("set-cookie", "session=1; HttpOnly"));
        JsonNode echo = json(response);
        assertThat(echo.path("routeKey").asText()).isEqualTo("PUT /things/{thingId}");
        assertThat(echo.path("pathParameters").path("thingId").asText()).isEqualTo("t1");
        assertThat(echo.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
        assertThat(echo.path("claims").path("groups").asText()).isEqualTo("[admin agent]");
        assertThat(echo.path("claims").path("tenant_id").asText()).isEqualTo("contoso");
        assertThat(echo.path("claims").path("iss").asText()).isEqualTo("support-desk-local");
        assertThat(echo.path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(echo.path("now").asText()).isEqualTo(START.toString());
    }

    @Test
    void unknownRoutesAndWrongMethodsAre404BeforeAuth() throws Exception {
        for (String[] request : new String[][] {
            {"GET", "/nothing"}, {"DELETE", "/things/t1"}, {"GET", "/things"}, {"POST", "/things/t1"}
        }) {
            GatewayResponse response = send(request[0], request[1], null, null);
            assertThat(response.status()).as(String.join(" ", request)).isEqualTo(404);
            assertThat(json(response).path("message").asText()).isEqualTo("Not Found");
        }
    }

    @Test
    void missingOrBadTokensAre401() throws Exception {
        assertThat(send("GET", "/things/t1", null, null).status()).isEqualTo(401);
        GatewayResponse forged = send("GET", "/things/t1", token("contoso", "admin") + "x", null);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(json(forged).path("message").asText()).isEqualTo("Unauthorized");
        LocalTokens other = new LocalTokens(
                LocalTokens.randomSecret(), LocalTokens.LOCAL_ISSUER, LocalTokens.LOCAL_AUDIENCE, Clock.systemUTC());
        String foreign = other.issue("x", "contoso", List.of("admin"), Duration.ofMinutes(5));
        assertThat(send("GET", "/things/t1", foreign, null).status()).isEqualTo(401);
        // without the Bearer prefix the HTTP API still takes the token
        Map<String, String> headers = Map.of("authorization", token("contoso", "admin"));
        assertThat(gateway.handle(GatewayRequest.of("GET", "/things/t1", headers, new byte[0]))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void functionsThatFailOrAreMissingAre500() throws Exception {
        GatewayResponse failed = send("GET", "/things/t1?boom", token("contoso", "admin"), null);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(json(failed).path("message").asText()).isEqualTo("Internal Server Error");
        assertThat(send("GET", "/missing", token("contoso", "admin"), null).status())
                .isEqualTo(500);
    }

    @Test
    void aQueryStringThatCannotBeDecodedIs400InApiGatewaysShapeBeforeAnyFunctionRuns() throws Exception {
        for (String query : List.of("%zz=1", "x=%", "x=%4", "x=%e9", "%C3%28=1", "x=1&%gg")) {
            GatewayResponse response = send("GET", "/things/t1?" + query, token("contoso", "admin"), null);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(json(response).path("message").asText()).as(query).isEqualTo("Bad Request");
        }
        assertThat(send("GET", "/things/t1?x=%E2%9C%93&y=a+b&z", token("contoso", "admin"), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aClockMoveBeyondTheInstantsTheClockServesIs400AndLeavesTheClockAlone() throws Exception {
        String operator = token(null, "operator");
        for (String body : List.of(
                "{\"set\":\"+1000000000-01-01T00:00:00Z\"}",
                "{\"set\":\"1969-12-31T23:59:59Z\"}",
                "{\"advance\":\"P3000000D\"}")) {
            GatewayResponse response = send("POST", "/_local/clock", operator, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(json(response).path("message").asText()).as(body).contains(SimulatedClock.LATEST.toString());
            assertThat(clock.instant()).isEqualTo(START);
        }
        assertThat(send("GET", "/things/t1", token("contoso", "admin"), null).status())
                .isEqualTo(200);
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "x".repeat(LocalGateway.MAX_BODY_BYTES + 1);
        assertThat(send("PUT", "/things/t1", token("contoso", "admin"), big).status())
                .isEqualTo(413);
    }

    @Test
    void theClockIsReadByAnyoneAndMovedOnlyByOperators() throws Exception {
        assertThat(json(send("GET", "/_local/clock", null, null)).path("now").asText())
                .isEqualTo(START.toString());

        assertThat(send("POST", "/_local/clock", null, "{\"advance\":\"PT2H\"}").status())
                .isEqualTo(401);
        assertThat(send("POST", "/_local/clock", token("contoso", "admin"), "{\"advance\":\"PT2H\"}")
                        .status())
                .isEqualTo(403);
        assertThat(send("POST", "/_local/clock", token(null, "agent"), "{\"advance\":\"PT2H\"}")
                        .status())
                .isEqualTo(403);

        String operator = token(null, "operator");
        GatewayResponse advanced = send("POST", "/_local/clock", operator, "{\"advance\":\"PT2H\"}");
        assertThat(advanced.status()).isEqualTo(200);
        assertThat(json(advanced).path("now").asText())
                .isEqualTo(START.plus(Duration.ofHours(2)).toString());
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)));

        GatewayResponse set = send("POST", "/_local/clock", operator, "{\"set\":\"2027-01-01T00:00:00Z\"}");
        assertThat(json(set).path("now").asText()).isEqualTo("2027-01-01T00:00:00Z");

        assertThat(send("POST", "/_local/clock", operator, "{\"advance\":\"-PT1H\"}")
                        .status())
                .isEqualTo(400);
        assertThat(send("POST", "/_local/clock", operator, "{\"advance\":\"soon\"}")
                        .status())
                .isEqualTo(400);
        assertThat(send("POST", "/_local/clock", operator, "{}").status()).isEqualTo(400);
        assertThat(send("POST", "/_local/clock", operator, "nope").status()).isEqualTo(400);
        assertThat(send("DELETE", "/_local/clock", operator, null).status()).isEqualTo(405);
        assertThat(send("GET", "/_local/other", null, null).status()).isEqualTo(404);
    }

    @Test
    void theOutboxListsWhatWasAppended() throws Exception {
        outbox.sms("+12025550143", "Your code is 123456");
        outbox.topic(
                "arn:aws:sns:us-east-1:000000000000:OnCall", "Severity A", "Case 1 breached", Map.of("severity", "A"));
        JsonNode list = json(send("GET", "/_local/outbox", null, null));
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).path("kind").asText()).isEqualTo("SMS");
        assertThat(list.get(0).path("destination").asText()).isEqualTo("+12025550143");
        assertThat(list.get(0).path("at").asText()).isEqualTo(START.toString());
        assertThat(list.get(1).path("attributes").path("severity").asText()).isEqualTo("A");
    }
}
