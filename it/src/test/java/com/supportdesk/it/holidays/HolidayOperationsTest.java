package com.supportdesk.it.holidays;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.cases.CaseSweepStore;
import com.supportdesk.cases.SlaPolicySource;
import com.supportdesk.functions.slasweep.SlaSweepHandler;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import com.supportdesk.it.support.Desk;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.TableCopy;
import com.supportdesk.it.support.TestContext;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Holiday operations with Chinese holiday data, through the functions as the template builds them and the
 * sample events ({@code holidays-*.json}): the 2027 Spring Festival the defaults carry is provisional (Feb 6-14);
 * the announced arrangement moves it a day earlier (Feb 5-13). The dry run names exactly the open cases on the
 * business-hours calendar whose due times move, and by how much; applying it stores the year, the sweep's next
 * run moves those cases' next checks, and the case function's answers follow within the refresh bound.
 */
@ExtendWith(LocalAwsExtension.class)
class HolidayOperationsTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private Desk desk;
    private String table;
    private SlaSweepHandler sweep;
    private final String tenant = Desk.newTenant();

    static Instant bj(String local) {
        return LocalDateTime.parse(local).atZone(BEIJING).toInstant();
    }

    @BeforeEach
    void start(LocalAws aws) {
        // applying a year changes the calendar of every case of the table: this test keeps a table of its own
        table = TableCopy.of(aws, "CasesTable");
        desk = new Desk(aws, Map.of("CASES_TABLE", table));
        desk.clock.set(bj("2027-02-03T10:00"));
        desk.organization(tenant);
        Map<String, String> env = new LinkedHashMap<>(aws.environmentOf(
                SamTemplate.ofProject().function("SlaSweepFunction").orElseThrow()));
        env.putAll(desk.sns.environment());
        env.put("CASES_TABLE", table);
        env.put("SWEEP_FIRST_RUN_LOOKBACK", "PT6H");
        sweep = new SlaSweepHandler(FunctionEnvironment.of(env, desk.clock));
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    private String open(String category, String severity) {
        ObjectNode body = ApiEvent.of("POST /cases").sampleBody();
        body.put("category", category).put("severity", severity);
        body.remove("businessImpact");
        if (!category.equals("TECHNICAL")) {
            body.remove("service");
            body.put("title", "Invoice lists 320 seats, we have 300").put("description", "Please correct it.");
        }
        HttpResult created = desk.call(ApiEvent.of("POST /cases")
                .claims(Claims.admin(tenant))
                .header("idempotency-key", null)
                .body(body));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("caseId").asText();
    }

    /** The announced 2027 arrangement of the sample: Spring Festival Feb 5-13 instead of the placeholder Feb 6-14. */
    private static ApiEvent announced(boolean dryRun) {
        ApiEvent put = ApiEvent.of("PUT /holidays/{set}/{year}").query(Map.of("dryRun", String.valueOf(dryRun)));
        assertThat(put.sampleBody().path("holidays").get(1).path("from").asText())
                .isEqualTo("2027-02-05");
        return put;
    }

    private JsonNode dueOf(String caseId) {
        HttpResult read = desk.call(
                ApiEvent.of("GET /cases/{caseId}").claims(Claims.admin(tenant)).path("caseId", caseId));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json().path("sla").path("initialResponse").path("dueAt");
    }

    private Map<String, Object> runSweep() {
        String json = Handlers.sampleEvent("sla-sweep-scheduled.json").toString();
        ScheduledEvent event = LambdaEventSerializers.serializerFor(
                        ScheduledEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        return sweep.handleRequest(event, new TestContext());
    }

    private Instant nextCheck(LocalAws aws, String caseId) {
        return new CaseSweepStore(aws.emulators().dynamoDbClient(), table)
                .read(caseId)
                .orElseThrow()
                .checkAt()
                .orElseThrow();
    }

    @Test
    void theDefaultsShow2027AsProvisional() {
        HttpResult listed = desk.call(ApiEvent.of("GET /holidays"));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode cn = listed.json().path("sets").get(0);
        assertThat(cn.path("set").asText()).isEqualTo("CN");
        Map<Integer, Boolean> provisional = new LinkedHashMap<>();
        cn.path("years")
                .forEach(y -> provisional.put(
                        y.path("year").asInt(), y.path("provisional").asBoolean()));
        assertThat(provisional).containsEntry(2026, false).containsEntry(2027, true);

        HttpResult year = desk.call(ApiEvent.of("GET /holidays/{set}/{year}"));
        assertThat(year.status()).isEqualTo(200);
        assertThat(year.json().path("source").asText()).isEqualTo("POLICY");
        assertThat(year.json().path("holidays").toString()).contains("\"from\":\"2027-02-06\",\"to\":\"2027-02-14\"");
        assertThat(desk.call(ApiEvent.of("GET /holidays/{set}/{year}").path("set", "JP"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theDryRunNamesTheCasesWhoseDueTimesMoveAndApplyingReachesThemOnTheNextSweep(LocalAws aws) {
        // Wednesday 3 February 2027, 10:00 in Beijing
        String billingC = open("BILLING", "C"); // 27 h of Mon-Fri 09-18 from Wed 10:00
        desk.clock.set(bj("2027-02-04T15:00"));
        String billingB = open("SUBSCRIPTION", "B"); // 9 h from Thu 15:00
        String technical = open("TECHNICAL", "B"); // every day 09-24, holidays included: never moves
        desk.clock.set(bj("2027-02-04T15:05"));

        assertThat(Instant.parse(dueOf(billingC).asText())).isEqualTo(bj("2027-02-15T10:00"));
        assertThat(Instant.parse(dueOf(billingB).asText())).isEqualTo(bj("2027-02-05T15:00"));
        runSweep(); // keys computed under the provisional calendar
        assertThat(nextCheck(aws, billingB)).isEqualTo(bj("2027-02-05T12:45")); // 25 % of 9 h left

        HttpResult preview = desk.call(announced(true));
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode p = preview.json();
        assertThat(p.path("dryRun").asBoolean()).isTrue();
        assertThat(p.path("applied").asBoolean()).isFalse();
        assertThat(p.path("before").path("provisional").asBoolean()).isTrue();
        assertThat(p.path("after").path("provisional").asBoolean()).isFalse();
        assertThat(p.path("casesExamined").asInt()).isEqualTo(3);
        assertThat(p.path("complete").asBoolean()).isTrue();
        Map<String, JsonNode> moves = new LinkedHashMap<>();
        p.path("moves")
                .forEach(m -> moves.put(
                        m.path("caseId").asText() + "/" + m.path("clock").asText(), m));
        assertThat(moves).containsOnlyKeys(billingC + "/INITIAL_RESPONSE", billingB + "/INITIAL_RESPONSE");
        JsonNode c = moves.get(billingC + "/INITIAL_RESPONSE");
        assertThat(Instant.parse(c.path("before").asText())).isEqualTo(bj("2027-02-15T10:00"));
        assertThat(Instant.parse(c.path("after").asText())).isEqualTo(bj("2027-02-16T10:00"));
        assertThat(c.path("shift").asText()).isEqualTo("PT24H");
        assertThat(c.path("shiftMinutes").asLong()).isEqualTo(1440);
        assertThat(c.path("tenantId").asText()).isEqualTo(tenant);
        JsonNode b = moves.get(billingB + "/INITIAL_RESPONSE");
        assertThat(Instant.parse(b.path("after").asText())).isEqualTo(bj("2027-02-15T15:00"));
        assertThat(b.path("shift").asText()).isEqualTo("PT240H");
        assertThat(p.toString()).doesNotContain(technical);
        // a dry run stores nothing
        assertThat(desk.call(ApiEvent.of("GET /holidays/{set}/{year}"))
                        .json()
                        .path("provisional")
                        .asBoolean())
                .isTrue();

        HttpResult applied = desk.call(announced(false));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json().path("applied").asBoolean()).isTrue();
        assertThat(applied.json().path("after").path("version").asLong()).isEqualTo(1);
        assertThat(applied.json().path("after").path("updatedBy").asText()).isEqualTo("operator-zhao-1");
        JsonNode stored = desk.call(ApiEvent.of("GET /holidays/{set}/{year}")).json();
        assertThat(stored.path("source").asText()).isEqualTo("OPERATOR");
        assertThat(stored.path("provisional").asBoolean()).isFalse();

        // the sweep's next run reads the stored year and moves the cases' next checks
        Map<String, Object> run = runSweep();
        assertThat((Integer) run.get("rekeyed")).isGreaterThanOrEqualTo(2);
        assertThat(nextCheck(aws, billingB)).isEqualTo(bj("2027-02-15T12:45"));
        assertThat(nextCheck(aws, billingC)).isEqualTo(bj("2027-02-15T12:15"));

        // the case function read the calendar before: it follows within the refresh bound, not at once
        assertThat(Instant.parse(dueOf(billingC).asText())).isEqualTo(bj("2027-02-15T10:00"));
        desk.clock.advance(SlaPolicySource.HOLIDAY_REFRESH);
        assertThat(Instant.parse(dueOf(billingC).asText())).isEqualTo(bj("2027-02-16T10:00"));
        assertThat(Instant.parse(dueOf(billingB).asText())).isEqualTo(bj("2027-02-15T15:00"));

        // a second change names the version it was made against
        ApiEvent stale = announced(false);
        stale.body(stale.sampleBody().put("version", 7));
        HttpResult conflict = desk.call(stale);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("VERSION_CONFLICT");
    }

    @Test
    void aYearThatContradictsItselfOrLeavesItsYearIsRefusedAndNothingIsStored() {
        List<String> problems = List.of(
                // a make-up day that is also a holiday
                "{\"holidays\":[{\"name\":\"Spring Festival\",\"from\":\"2027-02-05\",\"to\":\"2027-02-13\"}],"
                        + "\"makeUpWorkingDays\":[{\"name\":\"x\",\"date\":\"2027-02-07\",\"worksAs\":\"MONDAY\"}]}",
                // a date of another year
                "{\"holidays\":[{\"name\":\"New Year\",\"from\":\"2027-12-31\",\"to\":\"2028-01-02\"}]}",
                // the same date twice
                "{\"holidays\":[{\"name\":\"a\",\"from\":\"2027-10-01\",\"to\":\"2027-10-07\"},"
                        + "{\"name\":\"b\",\"from\":\"2027-10-07\",\"to\":\"2027-10-08\"}]}",
                // a range backwards
                "{\"holidays\":[{\"name\":\"a\",\"from\":\"2027-10-07\",\"to\":\"2027-10-01\"}]}",
                // not a date
                "{\"holidays\":[{\"name\":\"a\",\"from\":\"2027-02-30\",\"to\":\"2027-03-01\"}]}",
                "{\"provisional\":false}");
        for (String body : problems) {
            HttpResult refused = desk.call(announced(false).body(body));
            assertThat(refused.status()).as(body + " → " + refused).isEqualTo(400);
            assertThat(refused.errorCode()).isIn("INVALID_HOLIDAYS", "VALIDATION_FAILED");
        }
        assertThat(desk.call(announced(false).body(problems.get(0))).body()).contains("2027-02-07");
        assertThat(desk.call(ApiEvent.of("GET /holidays/{set}/{year}"))
                        .json()
                        .path("source")
                        .asText())
                .isEqualTo("POLICY");
        // only operators: an agent or an admin is refused before anything is read
        assertThat(desk.call(announced(true).claims(Claims.agent("agent-li-1"))).status())
                .isEqualTo(403);
        assertThat(desk.call(ApiEvent.of("GET /holidays").claims(Claims.admin(tenant)))
                        .status())
                .isEqualTo(403);
        assertThat(desk.call(announced(true).path("set", "JP")).status()).isEqualTo(404);
        assertThat(desk.call(announced(true).path("year", "1999")).status()).isEqualTo(400);
    }

    @Test
    void aHolidayOverNewYearIsEnteredInBothYears() {
        ApiEvent end2026 =
                ApiEvent.of("PUT /holidays/{set}/{year}").path("year", "2026").query(Map.of("dryRun", "true"));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode holidays = body.putArray("holidays");
        holidays.addObject()
                .put("name", "New Year's Day 2027")
                .put("from", "2026-12-31")
                .put("to", "2026-12-31");
        HttpResult ok = desk.call(end2026.body(body));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(StreamSupport.stream(ok.json().path("after").path("holidays").spliterator(), false)
                        .map(h -> h.path("from").asText())
                        .toList())
                .containsExactly("2026-12-31");
    }
}
