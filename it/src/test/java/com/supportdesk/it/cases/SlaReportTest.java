package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.asAgent;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.patch;
import static com.supportdesk.it.cases.CaseFixtures.reply;
import static com.supportdesk.it.cases.CaseFixtures.respond;
import static com.supportdesk.it.cases.CaseFixtures.sampleBody;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.functions.reportaggregator.ReportAggregatorHandler;
import com.supportdesk.functions.slasweep.SlaSweepHandler;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import com.supportdesk.it.support.Concurrently;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.TableCopy;
import com.supportdesk.it.support.TestContext;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SLA report against cases driven through the real functions: the case functions, the SLA sweep, and
 * the report aggregator fed with exactly the notification requests the functions published (as the reports
 * queue delivers them, events/reports-sqs.json). Every figure of the report is checked against what was done
 * to the cases; then the same requests delivered again, out of order and by parallel consumers count nothing
 * twice. The functions share a cases table of their own, so the all-tenant report sees only this test's cases.
 */
class SlaReportTest extends CaseHandlersTest {
    private static final String DAY = "2026-11-27"; // Friday; the cases are opened at 09:00 Beijing time

    SlaSweepHandler sweep;
    ReportAggregatorHandler aggregator;
    /** Published requests already handed to the aggregator. */
    int fed;

    @BeforeEach
    void onATableOfTheirOwn(LocalAws aws) {
        Map<String, String> own = new LinkedHashMap<>(sns.environment());
        own.put("CASES_TABLE", TableCopy.of(aws, "CasesTable"));
        submission = Handlers.http(aws, "CaseSubmissionFunction", clock, own);
        api = Handlers.http(aws, "CaseApiFunction", clock, own);
        Map<String, String> sweepEnv = new LinkedHashMap<>(aws.environmentOf(
                SamTemplate.ofProject().function("SlaSweepFunction").orElseThrow()));
        sweepEnv.putAll(own);
        sweepEnv.put("SWEEP_FIRST_RUN_LOOKBACK", "PT6H");
        sweep = new SlaSweepHandler(FunctionEnvironment.of(sweepEnv, clock));
        Map<String, String> aggregatorEnv = new LinkedHashMap<>(aws.environmentOf(
                SamTemplate.ofProject().function("ReportAggregatorFunction").orElseThrow()));
        aggregatorEnv.putAll(own);
        aggregator = new ReportAggregatorHandler(FunctionEnvironment.of(aggregatorEnv, clock));
        fed = sns.published().size();
    }

    // ------------------------------------------------------------------ the story

    private String open(String tenant, ObjectNode body) {
        HttpResult opened = invoke(submission, submit(tenant, body, null));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().path("caseId").asText();
    }

    private void ok(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isBetween(200, 201);
    }

    private void resolve(String caseId) {
        ok(invoke(
                api,
                asAgent(patch(
                        caseId,
                        Json.MAPPER.createObjectNode().put("status", "RESOLVED").put("reason", "Fixed")))));
    }

    private void rate(String tenant, String caseId, int rating) {
        ok(invoke(
                api,
                ApiEvent.of("PUT /cases/{caseId}/satisfaction")
                        .claims(Claims.admin(tenant))
                        .path("caseId", caseId)
                        .body("{\"rating\":" + rating + "}")
                        .json()));
    }

    private void runSweep() {
        String json = Handlers.sampleEvent("sla-sweep-scheduled.json").toString();
        ScheduledEvent event = LambdaEventSerializers.serializerFor(
                        ScheduledEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        sweep.handleRequest(event, new TestContext());
    }

    /**
     * Four cases of the test's tenant, opened on 2026-11-27 at 09:00 Beijing time:
     * <ul>
     *   <li>c1 (A): answered after 10 minutes (MET), waits for the customer until the sweep downgrades it,
     *       resolved, rated 5 and then changed to 4;</li>
     *   <li>c2 (A): no answer when the sweep records its breach, answered after 100 minutes, resolved, rated 2;</li>
     *   <li>c3 (A): never answered: BREACHED by the sweep;</li>
     *   <li>c4 (B): answered after 12 minutes (MET).</li>
     * </ul>
     */
    private List<String> story() {
        String c1 = open(tenant, sampleBody());
        String c2 = open(tenant, sampleBody());
        String c3 = open(tenant, sampleBody());
        String c4 = open(tenant, bodyB());
        clock.advance(Duration.ofMinutes(10));
        ok(invoke(api, asAgent(respond(c1, "Please send the message trace.", "AWAITING_CUSTOMER"))));
        clock.advance(Duration.ofMinutes(2));
        ok(invoke(api, asAgent(respond(c4, "Looking into it.", null))));
        clock.advance(Duration.ofMinutes(50)); // 62 minutes: the A cases without an answer are due
        runSweep();
        clock.advance(Duration.ofMinutes(38)); // 100 minutes
        ok(invoke(api, asAgent(respond(c2, "Sorry for the wait: the connector is fixed.", null))));
        clock.advance(Duration.ofHours(3)); // c1 has waited for the customer 4h30m: severity A drops
        runSweep();
        ok(invoke(api, reply(c1, tenant)));
        resolve(c1);
        resolve(c2);
        clock.advance(Duration.ofDays(1)); // the ratings come the next day: they still count on the 27th
        rate(tenant, c1, 5);
        rate(tenant, c1, 4);
        rate(tenant, c2, 2);
        return List.of(c1, c2, c3, c4);
    }

    /** The notification requests published since the last call, as the reports queue delivers them. */
    private List<String> newRequests() {
        List<String> bodies = new ArrayList<>();
        var all = sns.published();
        for (int i = fed; i < all.size(); i++) {
            JsonNode message = all.get(i).message();
            if (NotificationRequest.SCHEMA.equals(message.path("schema").asText())) {
                bodies.add(message.toString());
            }
        }
        fed = all.size();
        return bodies;
    }

    private SQSBatchResponse deliver(List<String> bodies) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (String body : bodies) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(UUID.randomUUID().toString());
            record.setBody(body);
            records.add(record);
        }
        event.setRecords(records);
        return aggregator.handleRequest(event, new TestContext());
    }

    private HttpResult report(Map<String, String> claims, Map<String, String> query) {
        // the sample event asks for CSV in its Accept header; these ask for JSON unless format says otherwise
        return invoke(
                api,
                ApiEvent.of("GET /reports/sla")
                        .claims(claims)
                        .query(query)
                        .header("accept", "application/json")
                        .json());
    }

    private JsonNode tenantReport(String day) {
        HttpResult r = report(Claims.operator(), Map.of("from", day, "to", day, "tenantId", tenant, "format", "json"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode row(JsonNode report, String severity) {
        for (JsonNode row : report.path("rows")) {
            if (row.path("severity").asText().equals(severity)) {
                return row;
            }
        }
        throw new AssertionError("no row of severity " + severity + " in " + report);
    }

    // ------------------------------------------------------------------ figures

    @Test
    void everyFigureMatchesWhatWasDoneToTheCases() {
        story();
        List<String> requests = newRequests();
        assertThat(requests)
                .as("the facts arrive as notification requests")
                .anySatisfy(r -> assertThat(r).contains("SEVERITY_DOWNGRADED"))
                .anySatisfy(r -> assertThat(r).contains("SATISFACTION_RATED"));
        assertThat(deliver(requests).getBatchItemFailures()).isEmpty();

        JsonNode report = tenantReport(DAY);

        assertThat(report.path("timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(report.path("days").asInt()).isEqualTo(1);
        assertThat(report.path("rows")).hasSize(2);
        JsonNode a = row(report, "A");
        assertThat(a.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(a.path("category").asText()).isEqualTo("TECHNICAL");
        assertThat(a.path("casesOpened").asLong()).isEqualTo(3);
        assertThat(a.path("firstResponsesMet").asLong()).isEqualTo(1);
        assertThat(a.path("firstResponsesBreached").asLong()).isEqualTo(2);
        assertThat(a.path("metShare").asDouble()).isEqualTo(0.3333);
        assertThat(a.path("breachedShare").asDouble()).isEqualTo(0.6667);
        assertThat(a.path("firstResponses").asLong()).isEqualTo(2);
        // 10 minutes is in the bucket 10-15, 100 minutes in 90-105; the median's rank (1 of 2) ends the
        // first bucket, the 90th percentile's (1.8 of 2) is 80 % into the second
        assertThat(a.path("medianFirstResponseMinutes").asLong()).isEqualTo(15);
        assertThat(a.path("p90FirstResponseMinutes").asLong()).isEqualTo(102);
        assertThat(a.path("downgrades").asLong()).as("c1, dropped from A to B").isEqualTo(1);
        assertThat(a.path("ratings").asLong())
                .as("c1 counts once however often it was rated")
                .isEqualTo(2);
        assertThat(a.path("averageSatisfaction").asDouble()).as("(4 + 2) / 2").isEqualTo(3.0);

        JsonNode b = row(report, "B");
        assertThat(b.path("casesOpened").asLong()).isEqualTo(1);
        assertThat(b.path("firstResponsesMet").asLong()).isEqualTo(1);
        assertThat(b.path("firstResponsesBreached").asLong()).isZero();
        assertThat(b.path("metShare").asDouble()).isEqualTo(1.0);
        assertThat(b.path("medianFirstResponseMinutes").asLong()).isBetween(10L, 15L);
        assertThat(b.has("averageSatisfaction")).as("no rating, no average").isFalse();

        JsonNode total = report.path("total");
        assertThat(total.has("tenantId")).isFalse();
        assertThat(total.path("casesOpened").asLong()).isEqualTo(4);
        assertThat(total.path("firstResponsesMet").asLong()).isEqualTo(2);
        assertThat(total.path("firstResponsesBreached").asLong()).isEqualTo(2);
        assertThat(total.path("metShare").asDouble()).isEqualTo(0.5);
        assertThat(total.path("firstResponses").asLong()).isEqualTo(3);
        assertThat(total.path("p90FirstResponseMinutes").asLong()).isBetween(90L, 105L);
        assertThat(report.path("itemsRead").asInt())
                .as("one aggregate per severity and category")
                .isEqualTo(2);

        // the day after: responses, resolutions and ratings happened then, but they belong to the 27th's cases
        JsonNode next = tenantReport("2026-11-28");
        assertThat(next.path("rows")).isEmpty();
        assertThat(next.path("total").path("casesOpened").asLong()).isZero();
    }

    @Test
    void theSameRequestsAgainOutOfOrderAndByParallelConsumersCountNothingTwice() {
        story();
        List<String> requests = newRequests();
        deliver(requests);
        String once = tenantReport(DAY).toString();

        List<String> reversed = new ArrayList<>(requests);
        Collections.reverse(reversed);
        deliver(reversed);
        deliver(requests);
        assertThat(tenantReport(DAY).toString()).isEqualTo(once);

        List<Callable<SQSBatchResponse>> consumers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            List<String> shuffled = new ArrayList<>(requests);
            Collections.shuffle(shuffled, new java.util.Random(i));
            consumers.add(() -> deliver(shuffled));
        }
        Concurrently.callAll(consumers)
                .forEach(r -> assertThat(r.getBatchItemFailures()).isEmpty());
        assertThat(tenantReport(DAY).toString()).isEqualTo(once);
    }

    @Test
    void factsCountedBeforeTheirLaterFactsArriveAreNotCountedAgainAndParallelFirstDeliveriesCountOnce() {
        String c = open(tenant, sampleBody());
        List<String> ack = newRequests();
        // eight consumers receive the acknowledgement at the same moment, before anything else happened
        List<Callable<SQSBatchResponse>> consumers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            consumers.add(() -> deliver(ack));
        }
        Concurrently.callAll(consumers);
        assertThat(row(tenantReport(DAY), "A").path("casesOpened").asLong()).isEqualTo(1);
        assertThat(row(tenantReport(DAY), "A").path("firstResponses").asLong()).isZero();

        clock.advance(Duration.ofMinutes(20));
        ok(invoke(api, asAgent(respond(c, "On it.", null))));
        List<String> response = newRequests();
        consumers.clear();
        for (int i = 0; i < 8; i++) {
            consumers.add(() -> deliver(response));
        }
        Concurrently.callAll(consumers);
        JsonNode a = row(tenantReport(DAY), "A");
        assertThat(a.path("casesOpened").asLong()).isEqualTo(1);
        assertThat(a.path("firstResponsesMet").asLong()).isEqualTo(1);
        assertThat(a.path("firstResponses").asLong()).isEqualTo(1);
        assertThat(a.path("medianFirstResponseMinutes").asLong()).isBetween(20L, 25L);
    }

    @Test
    void aRequestThatIsNotANotificationRequestGoesBackToTheQueueAndOneAboutNoCaseIsDone() {
        SQSBatchResponse response = deliver(List.of(
                "{not json",
                "{\"schema\":\"supportdesk.notification-request\",\"version\":2}",
                "{\"schema\":\"supportdesk.notification-request\",\"version\":1,\"notificationId\":\"VER-1#verified\","
                        + "\"type\":\"VERIFICATION_SUCCEEDED\",\"tenantId\":\"" + tenant + "\","
                        + "\"recipient\":{\"ref\":\"REGISTERED_CONTACTS\"},\"occurredAt\":\"2026-11-27T01:00:00Z\"}"));
        assertThat(response.getBatchItemFailures()).hasSize(2);
    }

    // ------------------------------------------------------------------ who sees what

    @Test
    void anAdminSeesTheirOwnOrganisationOnlyAndAnOperatorEveryOne() {
        story();
        String other = CaseFixtures.newTenant();
        fixtures.organization(other, "CN", SupportPlan.ADVANCED, false);
        clock.set(FRIDAY_0900_BEIJING);
        String theirs = open(other, sampleBody());
        ok(invoke(api, asAgent(respond(theirs, "Checking.", null))));
        resolve(theirs);
        rate(other, theirs, 1);
        deliver(newRequests());

        HttpResult own = report(Claims.admin(tenant), Map.of("from", DAY, "to", DAY));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("tenantId").asText()).isEqualTo(tenant);
        assertThat(own.json().path("rows"))
                .allSatisfy(r -> assertThat(r.path("tenantId").asText()).isEqualTo(tenant));
        assertThat(own.json().path("total").path("casesOpened").asLong()).isEqualTo(4);
        assertThat(row(own.json(), "A").path("averageSatisfaction").asDouble())
                .as("the other organisation's rating of 1 is not mixed in")
                .isEqualTo(3.0);

        HttpResult foreign = report(Claims.admin(tenant), Map.of("from", DAY, "to", DAY, "tenantId", other));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(report(Claims.agent("agent-li-1"), Map.of()).status()).isEqualTo(403);
        assertThat(report(Claims.user(tenant), Map.of()).status()).isEqualTo(403);

        HttpResult all = report(Claims.operator(), Map.of("from", DAY, "to", DAY));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().has("tenantId")).isFalse();
        assertThat(all.json().path("total").path("casesOpened").asLong()).isEqualTo(5);
        assertThat(all.json().path("total").path("ratings").asLong()).isEqualTo(3);
        assertThat(all.json().path("total").path("averageSatisfaction").asDouble())
                .as("(4 + 2 + 1) / 3")
                .isEqualTo(2.33);
        List<String> tenants = new ArrayList<>();
        all.json().path("rows").forEach(r -> tenants.add(r.path("tenantId").asText()));
        assertThat(tenants).contains(tenant, other);
    }

    // ------------------------------------------------------------------ CSV and the period

    @Test
    void theReportAsCsvHasAHeaderARowPerLineAndTheTotal() {
        story();
        deliver(newRequests());
        HttpResult byAccept = invoke(
                api,
                ApiEvent.of("GET /reports/sla")
                        .claims(Claims.admin(tenant))
                        .query(Map.of("from", DAY, "to", DAY))
                        .header("accept", "text/csv")
                        .json());
        HttpResult byFormat = report(Claims.admin(tenant), Map.of("from", DAY, "to", DAY, "format", "csv"));

        for (HttpResult csv : List.of(byAccept, byFormat)) {
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.headers().get("content-type")).startsWith("text/csv");
            assertThat(csv.headers().get("content-disposition"))
                    .isEqualTo("attachment; filename=\"sla-report-" + DAY + "-" + DAY + ".csv\"");
            String[] lines = csv.body().split("\r\n");
            assertThat(lines).hasSize(4);
            assertThat(lines[0])
                    .isEqualTo("from,to,tenantId,severity,category,casesOpened,firstResponsesMet,"
                            + "firstResponsesBreached,metShare,breachedShare,firstResponses,medianFirstResponseMinutes,"
                            + "p90FirstResponseMinutes,downgrades,ratings,averageSatisfaction");
            assertThat(lines[1])
                    .isEqualTo(DAY + "," + DAY + "," + tenant + ",A,TECHNICAL,3,1,2,0.3333,0.6667,2,15,102,1,2,3.0");
            assertThat(lines[2]).startsWith(DAY + "," + DAY + "," + tenant + ",B,TECHNICAL,1,1,0,1.0,0.0,1,");
            assertThat(lines[2]).endsWith(",0,0,");
            assertThat(lines[3]).startsWith(DAY + "," + DAY + ",ALL,ALL,ALL,4,2,2,0.5,0.5,3,");
        }
    }

    @Test
    void aPeriodIsBeijingDaysAtMost366LongAndMalformedParametersAreRefused() {
        HttpResult defaults = report(Claims.admin(tenant), Map.of());
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().path("to").asText())
                .as("today in Beijing: 09:00 on Friday 27 November")
                .isEqualTo(DAY);
        assertThat(defaults.json().path("days").asInt()).isEqualTo(30);
        clock.set(java.time.Instant.parse("2026-11-27T16:30:00Z")); // 00:30 on the 28th in Beijing
        assertThat(report(Claims.admin(tenant), Map.of()).json().path("to").asText())
                .isEqualTo("2026-11-28");

        for (Map<String, String> bad : List.of(
                Map.of("from", "2026-11-30", "to", "2026-11-01"),
                Map.of("from", "2025-01-01", "to", "2026-11-01"),
                Map.of("from", "27/11/2026"),
                Map.of("format", "xlsx"),
                Map.of("tenantId", "a#b"))) {
            HttpResult refused = report(Claims.operator(), bad);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(report(Claims.operator(), Map.of("from", "2025-11-27", "to", "2026-11-27"))
                        .status())
                .as("366 days")
                .isEqualTo(200);
    }
}
