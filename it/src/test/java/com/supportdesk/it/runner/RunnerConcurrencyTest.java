package com.supportdesk.it.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.Concurrently;
import com.supportdesk.local.LocalOutbox;
import com.supportdesk.local.LocalRunner;
import com.supportdesk.local.lambda.LocalFunction;
import com.supportdesk.verification.ContactRecordRepository;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The "exactly once" and "at most N" promises tested black-box: parallel HTTP requests through the local
 * runner, whose functions run several instances at once as Lambda does (8 per function, each made through
 * its own constructor), so a race across instances would show here. The in-process tests of the same
 * promises (VerificationConcurrencyTest, CaseSubmissionHandlerTest, CaseApiHandlerTest) stay.
 */
@DisabledIfSystemProperty(
        named = "supportdesk.aws.backend",
        matches = "localstack",
        disabledReason = "the local runner brings its own emulators")
class RunnerConcurrencyTest {
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{4}) ([0-9]{4})\\b");

    private static LocalRunner runner;
    private static HttpClient http;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() throws IOException {
        runner = LocalRunner.start(LocalRunner.Options.forTests().withConcurrency(8));
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        dynamo = runner.emulators().dynamoDbClient();
    }

    @AfterAll
    static void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (runner != null) {
            runner.close();
        }
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static Answer call(String method, String path, String token, Map<String, String> headers, Object body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(runner.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        request.header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static String table(String logicalId) {
        return runner.emulators().tableNames().get(logicalId);
    }

    /** An organisation of its own for each test: one email and one phone, so every code goes to that phone. */
    private static String newOrganisation(String phone) throws Exception {
        String tenant = "conc-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Parallel Testing Ltd");
        body.put("country", "GB");
        body.put("supportPlan", "ADVANCED");
        body.put("language", "en");
        body.put("contacts", Map.of("emails", List.of("admin@" + tenant + ".example"), "phones", List.of(phone)));
        Answer saved = call("PUT", "/orgs/" + tenant, runner.operatorToken(), Map.of(), body);
        assertThat(saved.status()).as(saved.body()).isBetween(200, 201);
        return tenant;
    }

    /** Starts a verification by SMS and reads the code from the runner's outbox (as the caller's phone would). */
    private static String[] startVerification(String tenant, String phone) throws Exception {
        int before = runner.outbox().messages().size();
        Answer started = call(
                "POST",
                "/verifications",
                runner.agentToken(),
                Map.of(),
                Map.of("tenantId", tenant, "callerPhone", "+8613911112222", "channel", "SMS"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().path("status").asText()).isEqualTo("CODE_SENT");
        List<LocalOutbox.Message> sms = runner.outbox().messages().stream()
                .skip(before)
                .filter(m -> m.kind().equals("SMS") && phone.equals(m.destination()))
                .toList();
        assertThat(sms).hasSize(1);
        Matcher code = CODE.matcher(sms.get(0).body());
        assertThat(code.find()).isTrue();
        return new String[] {started.json().path("verificationId").asText(), code.group(1) + code.group(2)};
    }

    private static List<Answer> confirmAll(String verificationId, List<String> codes) {
        String agent = runner.agentToken();
        List<Callable<Answer>> calls = codes.stream()
                .<Callable<Answer>>map(code -> () -> call(
                        "POST", "/verifications/" + verificationId + "/confirm", agent, Map.of(), Map.of("code", code)))
                .toList();
        return Concurrently.callAll(calls);
    }

    private static Map<String, AttributeValue> verification(String verificationId) {
        return dynamo.getItem(b -> b.tableName(table("VerificationsTable"))
                        .key(Map.of("verificationId", AttributeValue.fromS(verificationId))))
                .item();
    }

    private static String wrong(String code, int i) {
        String candidate = String.format(Locale.ROOT, "%08d", (Long.parseLong(code) + 1 + i * 7919L) % 100_000_000L);
        return candidate.equals(code) ? wrong(code, i + 1) : candidate;
    }

    @Test
    void thirtyParallelWrongCodesCountThreeAttemptsBurnTheCodeAndTheRightOneIsThenRefused() throws Exception {
        String phone = "+442079460101";
        String tenant = newOrganisation(phone);
        String[] started = startVerification(tenant, phone);
        String id = started[0];
        String code = started[1];

        List<Answer> wrongs = confirmAll(
                id, IntStream.range(0, 30).mapToObj(i -> wrong(code, i)).toList());
        Answer right =
                call("POST", "/verifications/" + id + "/confirm", runner.agentToken(), Map.of(), Map.of("code", code));

        assertThat(wrongs).extracting(Answer::status).containsOnly(422);
        assertThat(wrongs)
                .extracting(Answer::body)
                .as("one answer for every failure")
                .containsOnly(right.body());
        assertThat(right.status())
                .as("three attempts per code: the code is burned, even the right one is refused")
                .isEqualTo(422);
        Map<String, AttributeValue> item = verification(id);
        assertThat(item.get("attempts").n()).as("attempts counted").isEqualTo("3");
        assertThat(item.get("state").s()).isEqualTo("BURNED");
        assertThat(item).doesNotContainKey("grantId");
        Map<String, AttributeValue> contact = dynamo.getItem(b -> b.tableName(table("VerificationContactsTable"))
                        .key(Map.of(
                                "contactKey",
                                AttributeValue.fromS(ContactRecordRepository.key(
                                        tenant, item.get("contactId").s())))))
                .item();
        assertThat(contact.get("failures").l())
                .as("failures counted towards suspension: only the evaluated ones")
                .hasSize(3);
        assertThat(contact).doesNotContainKey("suspendedUntil");
    }

    @Test
    void thirtyParallelRightCodesGiveExactlyOneGrant() throws Exception {
        String phone = "+442079460102";
        String tenant = newOrganisation(phone);
        String[] started = startVerification(tenant, phone);
        String id = started[0];

        List<Answer> answers = confirmAll(id, java.util.Collections.nCopies(30, started[1]));

        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 422).hasSize(29);
        Answer granted =
                answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow();
        assertThat(granted.json().path("status").asText()).isEqualTo("VERIFIED");
        List<Map<String, AttributeValue>> grants = dynamo.scan(b -> b.tableName(table("AccessGrantsTable"))
                        .filterExpression("verificationId = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id))))
                .items();
        assertThat(grants).as("grants issued").hasSize(1);
        assertThat(grants.get(0).get("grantId").s())
                .isEqualTo(granted.json().path("grant").path("grantId").asText());
    }

    private static Map<String, Object> caseBody(String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "TECHNICAL");
        body.put("service", "EXCHANGE_ONLINE");
        body.put("severity", "B");
        body.put("title", title);
        body.put("description", "Members cannot send as the shared mailbox.");
        body.put(
                "contact",
                Map.of(
                        "name", "Li Na",
                        "email", "li.na@contoso.example",
                        "phone", "+12025550143",
                        "preferredMethod", "EMAIL",
                        "language", "en"));
        return body;
    }

    private static List<String> caseIdsOf(String tenant) throws Exception {
        List<String> ids = new ArrayList<>();
        String token = runner.adminToken(tenant);
        String next = null;
        do {
            Answer page =
                    call("GET", "/cases?limit=100" + (next == null ? "" : "&nextToken=" + next), token, Map.of(), null);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("cases").forEach(c -> ids.add(c.path("caseId").asText()));
            next = page.json().path("nextToken").isTextual()
                    ? page.json().path("nextToken").asText()
                    : null;
        } while (next != null);
        return ids;
    }

    @Test
    void thirtyParallelSubmissionsWithOneIdempotencyKeyOpenExactlyOneCase() throws Exception {
        String tenant = newOrganisation("+442079460103");
        String admin = runner.adminToken(tenant);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = caseBody("Shared mailbox permissions");
        List<Callable<Answer>> calls = IntStream.range(0, 30)
                .<Callable<Answer>>mapToObj(
                        i -> () -> call("POST", "/cases", admin, Map.of("Idempotency-Key", key), body))
                .toList();

        List<Answer> answers = Concurrently.callAll(calls);

        assertThat(answers).extracting(Answer::status).containsOnly(201, 200);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        Set<String> named = new HashSet<>();
        answers.forEach(a -> named.add(a.json().path("caseId").asText()));
        assertThat(named).as("every answer names the same case").hasSize(1);
        assertThat(caseIdsOf(tenant)).as("cases of the organisation").containsExactlyElementsOf(named);
    }

    @Test
    void fiftyParallelRepliesToOneCaseAreAllKept() throws Exception {
        String tenant = newOrganisation("+442079460104");
        String admin = runner.adminToken(tenant);
        Answer opened = call(
                "POST",
                "/cases",
                admin,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                caseBody("Replies in parallel"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String caseId = opened.json().path("caseId").asText();
        List<Callable<Answer>> calls = IntStream.range(0, 50)
                .<Callable<Answer>>mapToObj(i -> () ->
                        call("POST", "/cases/" + caseId + "/replies", admin, Map.of(), Map.of("message", "Reply " + i)))
                .toList();

        List<Answer> answers = Concurrently.callAll(calls);

        assertThat(answers).extracting(Answer::status).containsOnly(200);
        Answer stored = call("GET", "/cases/" + caseId, admin, Map.of(), null);
        Set<String> replies = new HashSet<>();
        stored.json().path("history").forEach(event -> {
            if (event.path("type").asText().equals("CUSTOMER_REPLIED")) {
                replies.add(event.path("message").asText());
            }
        });
        assertThat(replies)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 50).mapToObj(i -> "Reply " + i).toList());
    }

    @Test
    void requestsToOneFunctionRunAtOnceOnSeparateInstances() throws Exception {
        String tenant = newOrganisation("+442079460105");
        String admin = runner.adminToken(tenant);
        List<Callable<Answer>> calls = IntStream.range(0, 24)
                .<Callable<Answer>>mapToObj(i -> () -> call("GET", "/cases", admin, Map.of(), null))
                .toList();

        assertThat(Concurrently.callAll(calls)).extracting(Answer::status).containsOnly(200);

        LocalFunction caseApi = runner.functions().get("CaseApiFunction");
        assertThat(caseApi.maxInstances()).isEqualTo(8);
        assertThat(caseApi.instanceCount())
                .as("instances made, each through its own constructor")
                .isBetween(2, 8);
        assertThat(caseApi.handlers()).doesNotHaveDuplicates();
        assertThat(caseApi.mostConcurrentInvocations())
                .as("invocations of one function running at the same moment")
                .isGreaterThan(1)
                .isLessThanOrEqualTo(8);
    }
}
