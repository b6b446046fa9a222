package com.supportdesk.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.local.emulators.SqsQueues;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.local.template.SamTemplate;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner as a developer uses it: started in-process on a free port (emulators included), driven over
 * real HTTP. Everything behind the routes is the real handler code against dynalite.
 */
class LocalRunnerEndToEndTest {
    /** Well in the past, so a timestamp written by a handler tells the simulated clock from the real one. */
    private static final Instant START =
            Instant.now().minus(Duration.ofDays(400)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static LocalRunner runner;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        runner = LocalRunner.start(LocalRunner.Options.forTests().withClock(START));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopLeavesNothingRunning() throws Exception {
        if (runner == null) {
            return;
        }
        int port = runner.port();
        URI dynamo = runner.emulators().dynamoDbEndpoint();
        URI ses = runner.emulators().sesEndpoint();
        URI sqs = runner.emulators().sqsEndpoint();
        runner.close();
        runner.close(); // idempotent
        assertThat(listening(port)).as("HTTP API").isFalse();
        assertThat(listening(dynamo.getPort())).as("dynalite").isFalse();
        assertThat(listening(ses.getPort())).as("aws-ses-v2-local").isFalse();
        assertThat(listening(sqs.getPort())).as("ElasticMQ").isFalse();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private record Result(int status, JsonNode json, HttpResponse<String> raw) {}

    private static Result call(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(runner.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
        return new Result(response.statusCode(), json, response);
    }

    private static Result get(String path, String token) throws Exception {
        return call("GET", path, token, null, null);
    }

    private static String orgBody(String name, String plan, String language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("country", "GB");
        body.put("supportPlan", plan);
        body.put("language", language);
        body.put("contacts", Map.of("emails", List.of("admin@northwind.example"), "phones", List.of("+442079460000")));
        return Json.write(body);
    }

    @Test
    void everyFunctionOfTheTemplateIsServed() {
        assertThat(runner.unavailableFunctions())
                .as("add missing function modules to local/pom.xml")
                .isEmpty();
        assertThat(runner.functions().keySet())
                .containsExactlyInAnyOrderElementsOf(SamTemplate.ofProject().functions().stream()
                        .map(FunctionDefinition::logicalId)
                        .toList());
        assertThat(runner.skippedSeedSteps()).isEmpty();
    }

    @Test
    void theDemoDataIsSeededThroughTheHandlers() throws Exception {
        Result contoso = get("/orgs/contoso", runner.adminToken("contoso"));
        assertThat(contoso.status()).isEqualTo(200);
        assertThat(contoso.json().path("supportPlan").asText()).isEqualTo("ADVANCED");
        assertThat(contoso.json().path("language").asText()).isEqualTo("en");
        assertThat(contoso.json().path("partner").path("name").asText()).isNotBlank();
        assertThat(contoso.json().path("contacts").path("phones").get(0).asText())
                .startsWith("+");

        Result fabrikam = get("/orgs/fabrikam", runner.adminToken("fabrikam"));
        assertThat(fabrikam.status()).isEqualTo(200);
        assertThat(fabrikam.json().path("supportPlan").asText()).isEqualTo("STANDARD");
        assertThat(fabrikam.json().path("language").asText()).isEqualTo("ja");

        Result health = get("/service-health?service=EXCHANGE_ONLINE", runner.adminToken("contoso"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("incidents").size()).isGreaterThanOrEqualTo(1);
        assertThat(health.json().path("incidents").get(0).path("service").asText())
                .isEqualTo("EXCHANGE_ONLINE");
    }

    @Test
    void anOperatorCreatesAnOrganisationThatOnlyItsAdminReads() throws Exception {
        Instant before = runner.clock().instant();
        Result created = call(
                "PUT",
                "/orgs/northwind",
                runner.operatorToken(),
                "application/json",
                orgBody("Northwind Traders", "STANDARD", "en"));
        Instant after = runner.clock().instant();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("location")).contains("/orgs/northwind");
        // the handler runs on the runner's simulated clock, which started in the past
        assertThat(Instant.parse(created.json().path("updatedAt").asText())).isBetween(before, after);
        assertThat(before).isBefore(Instant.now().minus(Duration.ofDays(30)));

        Result own = get("/orgs/northwind", runner.adminToken("northwind"));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("name").asText()).isEqualTo("Northwind Traders");

        Result foreign = get("/orgs/northwind", runner.adminToken("contoso"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().path("error").path("code").asText()).isNotBlank();

        Result notOperator = call(
                "PUT",
                "/orgs/northwind",
                runner.adminToken("northwind"),
                "application/json",
                orgBody("Hijacked", "ADVANCED", "en"));
        assertThat(notOperator.status()).isEqualTo(403);
    }

    @Test
    void theAuthorizerRefusesMissingForgedAndExpiredTokens() throws Exception {
        Result none = get("/orgs/contoso", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("message").asText()).isEqualTo("Unauthorized");

        String token = runner.adminToken("contoso");
        String[] parts = token.split("\\.");
        String badSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThat(get("/orgs/contoso", badSignature).status()).isEqualTo(401);

        Map<String, Object> expired = new LinkedHashMap<>(runner.tokens().verify(token));
        expired.put("exp", Instant.now().minusSeconds(5).getEpochSecond());
        assertThat(get("/orgs/contoso", runner.tokens().sign(expired)).status()).isEqualTo(401);

        Map<String, Object> otherIssuer = new LinkedHashMap<>(runner.tokens().verify(token));
        otherIssuer.put("iss", "https://idp.example.com/");
        assertThat(get("/orgs/contoso", runner.tokens().sign(otherIssuer)).status())
                .isEqualTo(401);
    }

    @Test
    void unknownRoutesAndMethodsAre404LikeTheHttpApi() throws Exception {
        Result unknown = get("/no/such/route", runner.operatorToken());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asText()).isEqualTo("Not Found");
        assertThat(call("DELETE", "/orgs/contoso", runner.operatorToken(), null, null)
                        .status())
                .isEqualTo(404);
        assertThat(get("/orgs/", runner.operatorToken()).status()).isEqualTo(404);
    }

    @Test
    void bodiesReachTheHandlerAsApiGatewayEncodesThem() throws Exception {
        // a non-JSON content type arrives base64-encoded; the handler decodes it and refuses the media type
        Result text = call("PUT", "/orgs/contoso", runner.operatorToken(), "text/plain", "hello");
        assertThat(text.status()).isEqualTo(415);
        Result malformed = call("PUT", "/orgs/contoso", runner.operatorToken(), "application/json", "{");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").path("code").asText()).isEqualTo("INVALID_JSON");
    }

    @Test
    void theSimulatedClockIsMovedOverHttpByOperatorsOnly() throws Exception {
        Instant before =
                Instant.parse(get("/_local/clock", null).json().path("now").asText());
        assertThat(call(
                                "POST",
                                "/_local/clock",
                                runner.adminToken("contoso"),
                                "application/json",
                                "{\"advance\":\"PT2H\"}")
                        .status())
                .isEqualTo(403);
        Result moved =
                call("POST", "/_local/clock", runner.operatorToken(), "application/json", "{\"advance\":\"P1D\"}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(Instant.parse(moved.json().path("now").asText())).isAfterOrEqualTo(before.plus(Duration.ofDays(1)));
        assertThat(runner.clock().instant()).isAfterOrEqualTo(before.plus(Duration.ofDays(1)));
    }

    @Test
    void theOutboxIsServedAsJson() throws Exception {
        runner.outbox().sms("+12025550143", "test message");
        Result outbox = get("/_local/outbox", null);
        assertThat(outbox.status()).isEqualTo(200);
        assertThat(outbox.json().isArray()).isTrue();
        assertThat(outbox.json().findValuesAsText("body")).contains("test message");
    }

    @Test
    void aCaseOpenedLocallyIsAcknowledgedByMailThroughTheTopicTheQueueAndTheDispatcher() throws Exception {
        String body = """
                {"category":"TECHNICAL","service":"SHAREPOINT_ONLINE","title":"Site permissions","description":"Members cannot edit.",
                 "severity":"C","contact":{"name":"Li Na","email":"li.na@contoso.example","phone":"+12025550143",
                 "preferredMethod":"EMAIL","language":"en"}}""";
        Result created = call("POST", "/cases", runner.adminToken("contoso"), "application/json", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String caseId = created.json().path("caseId").asText();

        runner.awaitIdle(Duration.ofSeconds(30));

        // the topic's subscription in the template delivers requests to the queue, not to the outbox
        assertThat(runner.outbox().messages()).noneMatch(m -> m.body().contains(caseId));
        assertThat(runner.emulators().sentEmails())
                .filteredOn(m ->
                        m.to().contains("li.na@contoso.example") && m.subject().contains(caseId))
                .as("one acknowledgement, sent by the dispatcher that polls the subscribed queue")
                .hasSize(1);
        String subscribed = subscribedQueue("NotificationsTopic");
        String deadLetters = runner.queues().state(subscribed).deadLetterQueue();
        assertThat(runner.queues().state(deadLetters).waiting()).isZero();
    }

    /** The queue the template subscribes to a topic (read from the template, not repeated here). */
    private static String subscribedQueue(String topic) {
        return SamTemplate.ofProject().subscriptions().values().stream()
                .filter(s -> s.get("TopicArn") instanceof Map<?, ?> ref && topic.equals(ref.get("Ref")))
                .map(s -> (List<?>) ((Map<?, ?>) s.get("Endpoint")).get("Fn::GetAtt"))
                .map(getAtt -> String.valueOf(getAtt.get(0)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyQueueOfTheTemplateExistsWithItsRedrivePolicyAndIsListedWithItsDeadLetters() throws Exception {
        Map<String, Map<String, Object>> declared = SamTemplate.ofProject().queues();
        Result queues = get("/_local/queues", null);
        assertThat(queues.status()).isEqualTo(200);
        assertThat(queues.json().findValuesAsText("logicalId")).containsExactlyElementsOf(declared.keySet());
        for (JsonNode queue : queues.json()) {
            Map<String, Object> properties =
                    declared.get(queue.path("logicalId").asText());
            assertThat(queue.path("deadLetterQueue").asText(null))
                    .isEqualTo(SqsQueues.deadLetterQueueOf(properties).orElse(null));
            assertThat(
                            queue.hasNonNull("maxReceiveCount")
                                    ? queue.get("maxReceiveCount").asInt()
                                    : null)
                    .isEqualTo(SqsQueues.maxReceiveCountOf(properties).orElse(null));
            assertThat(queue.path("url").asText())
                    .startsWith(runner.emulators().sqsEndpoint().toString());
        }
    }

    @Test
    void aVerificationCodeBySmsGoesThroughTheLocalSnsToARegisteredPhoneOnly() throws Exception {
        Result started = call(
                "POST",
                "/verifications",
                runner.agentToken(),
                "application/json",
                "{\"tenantId\":\"contoso\",\"callerPhone\":\"+8613911112222\",\"channel\":\"SMS\"}");
        assertThat(started.status()).as(started.raw().body()).isEqualTo(201);
        assertThat(started.json().path("status").asText()).isEqualTo("CODE_SENT");
        List<String> registered = List.of("+12025550143", "+12025550178");
        assertThat(runner.outbox().messages())
                .filteredOn(m -> m.kind().equals("SMS") && m.body().matches("(?s).*\\b[0-9]{4} [0-9]{4}\\b.*"))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.destination()).isIn(registered));
        assertThat(runner.outbox().messages())
                .noneSatisfy(m -> assertThat(m.destination()).isEqualTo("+8613911112222"));
    }

    @Test
    void tokensOfTheRunnerCarryTheAuthorizerClaims() {
        Map<String, Object> claims = runner.tokens().verify(runner.adminToken("contoso"));
        assertThat(claims)
                .containsEntry("tenant_id", "contoso")
                .containsEntry("groups", List.of("admin"))
                .containsEntry("iss", LocalRunner.ISSUER)
                .containsEntry("aud", LocalRunner.AUDIENCE);
        assertThatThrownBy(() -> runner.tokens().verify("x.y.z")).isInstanceOf(RuntimeException.class);
    }
}
