package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.as;
import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.cases.CaseFixtures.get;
import static com.supportdesk.it.cases.CaseFixtures.list;
import static com.supportdesk.it.cases.CaseFixtures.respond;
import static com.supportdesk.it.cases.CaseFixtures.sampleBody;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.cases.CaseFixtures.withCaseId;
import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.functions.slasweep.SlaSweepHandler;
import com.supportdesk.it.support.Concurrently;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.TableCopy;
import com.supportdesk.it.support.TestContext;
import com.supportdesk.local.LocalAws;
import com.supportdesk.local.template.SamTemplate;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ownership and escalation through the case function, driven by the sample events
 * ({@code cases-take.json}, {@code cases-assign.json}, {@code cases-escalate.json}): taking a case (exactly one
 * of agents taking it at once wins), the agents' queues, assignment, escalation with a reason, what an
 * administrator sees of it, and where the sweep's severity-A notices go.
 */
class CaseOwnershipTest extends CaseHandlersTest {
    SlaSweepHandler sweep;

    @BeforeEach
    void onATableOfTheirOwn(LocalAws aws) {
        // the queues list every tenant's cases: the functions of this test share a table of their own
        Map<String, String> own = new LinkedHashMap<>(sns.environment());
        own.put("CASES_TABLE", TableCopy.of(aws, "CasesTable"));
        submission = Handlers.http(aws, "CaseSubmissionFunction", clock, own);
        api = Handlers.http(aws, "CaseApiFunction", clock, own);
        Map<String, String> env = new LinkedHashMap<>(aws.environmentOf(
                SamTemplate.ofProject().function("SlaSweepFunction").orElseThrow()));
        env.putAll(own);
        env.put("SWEEP_FIRST_RUN_LOOKBACK", "PT6H");
        sweep = new SlaSweepHandler(FunctionEnvironment.of(env, clock));
    }

    private String open() {
        HttpResult created = invoke(submission, submit(tenant, sampleBody(), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("caseId").asText();
    }

    private static ObjectNode agent(ObjectNode event, String subject) {
        return as(event, subject, null, "[agent]");
    }

    private static ObjectNode take(String caseId, String agent) {
        return agent(withCaseId(sampleEvent("cases-take.json"), caseId), agent);
    }

    private static ObjectNode assign(String caseId, String by, String to, String reason) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("agentId", to);
        if (reason != null) {
            body.put("reason", reason);
        }
        return agent(withCaseId(sampleEvent("cases-assign.json"), caseId), by).put("body", body.toString());
    }

    private static ObjectNode escalate(String caseId, String by, String level, String reason) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("level", level);
        if (reason != null) {
            body.put("reason", reason);
        }
        return agent(withCaseId(sampleEvent("cases-escalate.json"), caseId), by).put("body", body.toString());
    }

    private List<String> queue(String agent, String owner) {
        HttpResult listed = invoke(api, agent(list(Map.of("owner", owner, "limit", "100")), agent));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        return StreamSupport.stream(listed.json().path("cases").spliterator(), false)
                .map(c -> c.path("caseId").asText())
                .toList();
    }

    private static List<String> types(JsonNode detail) {
        return StreamSupport.stream(detail.path("history").spliterator(), false)
                .map(e -> e.path("type").asText())
                .toList();
    }

    @Test
    void anAgentTakesAnUnassignedCaseAndItMovesFromTheUnassignedQueueToTheirs() {
        String caseId = open();
        assertThat(queue("agent-li-1", "unassigned")).containsExactly(caseId);
        assertThat(queue("agent-li-1", "me")).isEmpty();

        HttpResult taken = invoke(api, take(caseId, "agent-li-1"));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
        assertThat(taken.json().path("owner").asText()).isEqualTo("agent-li-1");
        JsonNode entry =
                taken.json().path("history").get(taken.json().path("history").size() - 1);
        assertThat(entry.path("type").asText()).isEqualTo("OWNER_ASSIGNED");
        assertThat(entry.path("by").asText()).isEqualTo("agent-li-1");
        assertThat(entry.path("role").asText()).isEqualTo("agent");
        assertThat(entry.path("at").asText()).isEqualTo(clock.instant().toString());
        assertThat(entry.path("details").path("how").asText()).isEqualTo("TAKEN");

        assertThat(queue("agent-li-1", "unassigned")).isEmpty();
        assertThat(queue("agent-li-1", "me")).containsExactly(caseId);
        assertThat(queue("agent-wang-2", "agent-li-1")).containsExactly(caseId);
        assertThat(queue("agent-wang-2", "me")).isEmpty();
        // the list row says whose it is and at which level
        HttpResult row = invoke(api, agent(list(Map.of("owner", "me")), "agent-li-1"));
        assertThat(row.json().path("cases").get(0).path("owner").asText()).isEqualTo("agent-li-1");
        assertThat(row.json().path("cases").get(0).path("escalationLevel").asText())
                .isEqualTo("L1");

        // taking it again changes nothing; another agent is told it is taken
        HttpResult again = invoke(api, take(caseId, "agent-li-1"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(types(again.json()).stream().filter("OWNER_ASSIGNED"::equals))
                .hasSize(1);
        HttpResult other = invoke(api, take(caseId, "agent-wang-2"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.errorCode()).isEqualTo("CASE_ALREADY_TAKEN");
    }

    @Test
    void ofEightAgentsTakingTheSameCaseAtOnceExactlyOneWins() {
        String caseId = open();
        List<ObjectNode> takes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            takes.add(take(caseId, "agent-" + i));
        }
        List<HttpResult> results = Concurrently.invokeAll(api, takes);

        List<HttpResult> won = results.stream().filter(r -> r.status() == 200).toList();
        assertThat(won).hasSize(1);
        assertThat(results.stream().filter(r -> r.status() != 200)).hasSize(7).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.errorCode()).isEqualTo("CASE_ALREADY_TAKEN");
        });
        String winner = won.get(0).json().path("owner").asText();
        JsonNode stored = invoke(api, agent(get(caseId), "agent-li-1")).json();
        assertThat(stored.path("owner").asText()).isEqualTo(winner);
        assertThat(types(stored).stream().filter("OWNER_ASSIGNED"::equals)).hasSize(1);
        assertThat(queue("agent-li-1", winner)).containsExactly(caseId);
    }

    @Test
    void assignmentAndEscalationAreHistoryEntriesTheAdministratorSeesOnlyTheLevelOf() {
        String caseId = open();
        invoke(api, take(caseId, "agent-li-1"));
        clock.advance(Duration.ofMinutes(5));

        HttpResult assigned =
                invoke(api, assign(caseId, "agent-li-1", "agent-wang-2", "Exchange transport specialist on shift"));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().path("owner").asText()).isEqualTo("agent-wang-2");
        JsonNode assignment = assigned.json()
                .path("history")
                .get(assigned.json().path("history").size() - 1);
        assertThat(assignment.path("from").asText()).isEqualTo("agent-li-1");
        assertThat(assignment.path("details").path("how").asText()).isEqualTo("ASSIGNED");
        assertThat(assignment.path("reason").asText()).isEqualTo("Exchange transport specialist on shift");
        assertThat(invoke(api, assign(caseId, "agent-li-1", "agent-wang-2", null))
                        .errorCode())
                .isEqualTo("NO_CHANGE");
        assertThat(queue("agent-li-1", "me")).isEmpty();
        assertThat(queue("agent-wang-2", "me")).containsExactly(caseId);

        // a level change needs a reason
        HttpResult noReason = invoke(api, escalate(caseId, "agent-wang-2", "L2", null));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        HttpResult escalated =
                invoke(api, escalate(caseId, "agent-wang-2", "ENGINEERING", "Transport rule engine drops mail"));
        assertThat(escalated.status()).as(escalated.toString()).isEqualTo(200);
        assertThat(escalated.json().path("escalationLevel").asText()).isEqualTo("ENGINEERING");
        JsonNode entry = escalated
                .json()
                .path("history")
                .get(escalated.json().path("history").size() - 1);
        assertThat(entry.path("type").asText()).isEqualTo("ESCALATION_CHANGED");
        assertThat(entry.path("from").asText()).isEqualTo("L1");
        assertThat(entry.path("details").path("level").asText()).isEqualTo("ENGINEERING");
        assertThat(entry.path("by").asText()).isEqualTo("agent-wang-2");
        assertThat(invoke(api, escalate(caseId, "agent-wang-2", "ENGINEERING", "again"))
                        .errorCode())
                .isEqualTo("NO_CHANGE");

        // the administrator sees the level, and neither the owner nor the routing entries and their reasons
        HttpResult admin = invoke(api, asAdmin(get(caseId), tenant));
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().path("escalationLevel").asText()).isEqualTo("ENGINEERING");
        assertThat(admin.json().has("owner")).isFalse();
        assertThat(types(admin.json())).doesNotContain("OWNER_ASSIGNED", "ESCALATION_CHANGED");
        assertThat(admin.body()).doesNotContain("agent-wang-2", "Transport rule engine", "specialist");
        HttpResult adminList = invoke(api, asAdmin(list(Map.of("status", "OPEN")), tenant));
        assertThat(adminList.json().path("cases").get(0).has("owner")).isFalse();
        assertThat(invoke(api, asAdmin(list(Map.of("owner", "me")), tenant)).status())
                .isEqualTo(403);
        // nor may they do any of it
        assertThat(invoke(api, asAdmin(take(caseId, "x"), tenant)).status()).isEqualTo(403);
        assertThat(invoke(api, asAdmin(escalate(caseId, "x", "L1", "back"), tenant))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aFinishedCaseLeavesTheQueuesAndTakesNoOwner() {
        String caseId = open();
        invoke(api, take(caseId, "agent-li-1"));
        invoke(api, respond(caseId, "Looking into it.", null));
        HttpResult resolved = invoke(api, respond(caseId, "Fixed: the connector was re-enabled.", "RESOLVED"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(queue("agent-li-1", "me")).isEmpty();
        HttpResult late = invoke(api, take(caseId, "agent-wang-2"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.errorCode()).isEqualTo("CASE_FINISHED");
    }

    @Test
    void aSeverityABreachOfAnOwnedCaseGoesToItsOwnerAndOfAnUnownedOneToOnCall() {
        String owned = open();
        String unowned = open();
        invoke(api, take(owned, "agent-li-1"));
        clock.advance(Duration.ofMinutes(61)); // severity A: due after an hour without a response

        Map<String, Object> run = scheduled();
        assertThat(run.get("events")).isEqualTo(Map.of("SLA_BREACHED", 2));

        assertThat(notified(owned)).isEqualTo("CASE_CONTACT:EMAIL,SUPPORT_QUEUE,CASE_OWNER");
        assertThat(notified(unowned)).isEqualTo("CASE_CONTACT:EMAIL,SUPPORT_QUEUE,ON_CALL");
        assertThat(sns.publishedFor(owned))
                .extracting(p -> p.message().path("notificationId").asText())
                .contains(owned + "#SLA_BREACH#2026-11-27T02:00:00Z#CASE_OWNER")
                .noneMatch(id -> id.endsWith("#ON_CALL"));
        assertThat(sns.publishedFor(unowned))
                .extracting(p -> p.message().path("notificationId").asText())
                .contains(unowned + "#SLA_BREACH#2026-11-27T02:00:00Z#ON_CALL");
    }

    private String notified(String caseId) {
        JsonNode history = invoke(api, agent(get(caseId), "agent-li-1")).json().path("history");
        for (JsonNode e : history) {
            if (e.path("type").asText().equals("SLA_BREACHED")) {
                return e.path("details").path("notified").asText();
            }
        }
        throw new AssertionError("no breach on " + caseId);
    }

    private Map<String, Object> scheduled() {
        String json = Handlers.sampleEvent("sla-sweep-scheduled.json").toString();
        ScheduledEvent event = LambdaEventSerializers.serializerFor(
                        ScheduledEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        return sweep.handleRequest(event, new TestContext());
    }
}
