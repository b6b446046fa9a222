package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.as;
import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.cases.CaseFixtures.asAgent;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.get;
import static com.supportdesk.it.cases.CaseFixtures.list;
import static com.supportdesk.it.cases.CaseFixtures.newTenant;
import static com.supportdesk.it.cases.CaseFixtures.patch;
import static com.supportdesk.it.cases.CaseFixtures.reply;
import static com.supportdesk.it.cases.CaseFixtures.respond;
import static com.supportdesk.it.cases.CaseFixtures.sampleBody;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.Concurrently;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.model.SupportPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The case API: reads, lists, responses, replies and changes, with the SLA state recomputed from history. */
class CaseApiHandlerTest extends CaseHandlersTest {

    private String open(ObjectNode body) {
        HttpResult created = invoke(submission, submit(tenant, body, null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("caseId").asText();
    }

    private JsonNode read(String caseId) {
        HttpResult result = invoke(api, asAgent(get(caseId)));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }

    private static ObjectNode change(String severity, String status, String reason, Long version) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (severity != null) {
            body.put("severity", severity);
        }
        if (status != null) {
            body.put("status", status);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        if (version != null) {
            body.put("version", version);
        }
        return body;
    }

    @Test
    void theAdminReadsTheirCaseWithItsRunningClockAndOtherTenantsGet404() {
        String caseId = open(sampleBody());
        clock.advance(Duration.ofMinutes(20));
        HttpResult own = invoke(api, asAdmin(get(caseId), tenant));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        JsonNode sla = own.json().path("sla").path("initialResponse");
        assertThat(sla.path("state").asText()).isEqualTo("RUNNING");
        assertThat(sla.path("dueAt").asText()).isEqualTo("2026-11-27T02:00:00Z");
        assertThat(sla.path("remaining").asText()).isEqualTo("PT40M");
        assertThat(own.json().path("contact").path("email").asText()).isEqualTo("it-admin@contoso.example");

        HttpResult other = invoke(api, asAdmin(get(caseId), newTenant()));
        assertThat(other.status()).isEqualTo(404);
        assertThat(invoke(api, as(get(caseId), "user-1", tenant, "[user]")).status())
                .isEqualTo(403);
        assertThat(invoke(api, asAdmin(get("CS-0000-0000-0000"), tenant)).status())
                .isEqualTo(404);
        assertThat(invoke(api, asAdmin(get("not-a-case"), tenant)).status()).isEqualTo(404);
    }

    @Test
    void theFirstAgentResponseStopsTheClockAsMetAndAReplyResumesTheCase() {
        String caseId = open(sampleBody());
        clock.advance(Duration.ofMinutes(35));
        HttpResult responded = invoke(
                api, respond(caseId, "Looking at your connector; please send a message trace.", "AWAITING_CUSTOMER"));
        assertThat(responded.status()).as(responded.toString()).isEqualTo(200);
        JsonNode sla = responded.json().path("sla").path("initialResponse");
        assertThat(sla.path("state").asText()).isEqualTo("MET");
        assertThat(sla.path("dueAt").asText()).isEqualTo("2026-11-27T02:00:00Z");
        assertThat(sla.path("stoppedAt").asText()).isEqualTo("2026-11-27T01:35:00Z");
        assertThat(sla.path("respondedAt").asText()).isEqualTo("2026-11-27T01:35:00Z");
        assertThat(responded.json().path("status").asText()).isEqualTo("AWAITING_CUSTOMER");

        clock.advance(Duration.ofHours(3));
        HttpResult replied = invoke(api, reply(caseId, tenant));
        assertThat(replied.status()).as(replied.toString()).isEqualTo(200);
        assertThat(replied.json().path("status").asText()).isEqualTo("IN_PROGRESS");

        JsonNode history = read(caseId).path("history");
        List<String> types = new ArrayList<>();
        history.forEach(e -> types.add(e.path("type").asText()
                + (e.has("status") ? ":" + e.path("status").asText() : "")));
        assertThat(types)
                .containsExactly(
                        "SUBMITTED:OPEN",
                        "AGENT_RESPONDED",
                        "STATUS_CHANGED:AWAITING_CUSTOMER",
                        "CUSTOMER_REPLIED",
                        "STATUS_CHANGED:IN_PROGRESS");
        assertThat(history.get(1).path("by").asText()).isEqualTo("agent-li-1");
        assertThat(history.get(1).path("message").asText()).contains("message trace");
        assertThat(history.get(3).path("message").asText()).contains("Message trace attached");
        assertThat(history.get(4).path("reason").asText()).isEqualTo("customer replied");
        // the downgrade clock ran only while the case waited for the customer
        assertThat(read(caseId).path("sla").has("downgrade")).isFalse();
    }

    @Test
    void aLateFirstResponseIsRecordedAsBreachedWithBothInstants() {
        String caseId = open(sampleBody());
        clock.advance(Duration.ofMinutes(90));
        JsonNode sla = invoke(api, respond(caseId, "Sorry for the wait.", null))
                .json()
                .path("sla")
                .path("initialResponse");
        assertThat(sla.path("state").asText()).isEqualTo("BREACHED");
        assertThat(sla.path("breachedAt").asText()).isEqualTo("2026-11-27T02:00:00Z");
        assertThat(sla.path("stoppedAt").asText()).isEqualTo("2026-11-27T02:30:00Z");
        // later responses do not move the first one
        clock.advance(Duration.ofMinutes(10));
        JsonNode again = invoke(api, respond(caseId, "Update.", null)).json();
        assertThat(again.path("sla").path("initialResponse").path("stoppedAt").asText())
                .isEqualTo("2026-11-27T02:30:00Z");
        assertThat(again.path("sla").path("followUp").path("state").asText()).isEqualTo("RUNNING");
        assertThat(again.path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aSeverityChangeByAnAgentRecomputesTheClockFromTheOriginalStart() {
        String caseId = open(sampleBody()); // A at 09:00 Beijing, due 10:00
        clock.advance(Duration.ofMinutes(30));
        HttpResult changed = invoke(api, patch(caseId, null)); // the sample: A → B with a reason
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode body = changed.json();
        assertThat(body.path("severity").asText()).isEqualTo("B");
        // B on the 09:00–24:00 calendar from the original 09:00 start: 15 open hours, due at 24:00
        assertThat(body.path("sla").path("initialResponse").path("dueAt").asText())
                .isEqualTo("2026-11-27T16:00:00Z");
        assertThat(body.path("sla").path("initialResponse").path("dueAtLocal").asText())
                .isEqualTo("2026-11-28T00:00:00+08:00");
        JsonNode last = body.path("history").get(body.path("history").size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("SEVERITY_CHANGED");
        assertThat(last.path("from").asText()).isEqualTo("A");
        assertThat(last.path("reason").asText()).contains("Workaround");
        assertThat(last.path("by").asText()).isEqualTo("agent-li-1");

        HttpResult noReason = invoke(api, patch(caseId, change("C", null, null, null)));
        assertThat(noReason.status()).isEqualTo(400);

        String standard = newTenant();
        fixtures.organization(standard, "CN", SupportPlan.STANDARD, false);
        String b = invoke(submission, submit(standard, bodyB(), null))
                .json()
                .path("caseId")
                .asText();
        HttpResult upgrade = invoke(api, patch(b, change("A", null, "outage widened", null)));
        assertThat(upgrade.status()).isEqualTo(422);
        assertThat(upgrade.errorCode()).isEqualTo("SEVERITY_A_REQUIRES_ADVANCED_TECHNICAL");
    }

    @Test
    void onlyTheLifecycleOfTheSpecIsAllowed() {
        String caseId = open(bodyB());
        HttpResult closed = invoke(api, patch(caseId, change(null, "CLOSED", "done", null)));
        assertThat(closed.status()).isEqualTo(409);
        assertThat(invoke(api, patch(caseId, change(null, "RESOLVED", "done", null)))
                        .status())
                .isEqualTo(409);
        HttpResult silent = invoke(api, patch(caseId, change(null, "IN_PROGRESS", "looking", null)));
        assertThat(silent.status())
                .as("an unanswered case leaves OPEN only with a response")
                .isEqualTo(409);
        assertThat(silent.errorCode()).isEqualTo("FIRST_RESPONSE_REQUIRED");
        assertThat(read(caseId)
                        .path("sla")
                        .path("initialResponse")
                        .path("state")
                        .asText())
                .isEqualTo("RUNNING");
        assertThat(invoke(api, patch(caseId, change(null, "CANCELLED", "not needed", null)))
                        .status())
                .as("agents do not cancel")
                .isEqualTo(403);

        assertThat(invoke(api, respond(caseId, "Fixed on our side.", "RESOLVED"))
                        .status())
                .isEqualTo(409);
        assertThat(invoke(api, respond(caseId, "Working on it.", null))
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("IN_PROGRESS");
        assertThat(invoke(api, patch(caseId, change(null, "RESOLVED", "connector fixed", null)))
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("RESOLVED");
        assertThat(invoke(api, reply(caseId, tenant)).status()).isEqualTo(409);
        ObjectNode cancel = asAdmin(patch(caseId, change(null, "CANCELLED", "no longer needed", null)), tenant);
        assertThat(invoke(api, cancel).status())
                .as("cancel only before resolution")
                .isEqualTo(409);
        assertThat(invoke(api, patch(caseId, change(null, "CLOSED", "confirmed by customer", null)))
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("CLOSED");
        HttpResult reopen = invoke(api, patch(caseId, change(null, "IN_PROGRESS", "reopen", null)));
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.errorCode()).isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void theAdminCancelsBeforeResolutionAndCannotChangeAnythingElse() {
        String caseId = open(bodyB());
        assertThat(invoke(api, asAdmin(patch(caseId, change("C", null, "less urgent", null)), tenant))
                        .status())
                .isEqualTo(403);
        assertThat(invoke(api, asAdmin(patch(caseId, change(null, "RESOLVED", "fixed", null)), tenant))
                        .status())
                .isEqualTo(403);
        assertThat(invoke(api, asAdmin(patch(caseId, change(null, "CANCELLED", "fixed", null)), newTenant()))
                        .status())
                .isEqualTo(404);
        HttpResult cancelled = invoke(
                api, asAdmin(patch(caseId, change(null, "CANCELLED", "found the cause ourselves", null)), tenant));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled
                        .json()
                        .path("sla")
                        .path("initialResponse")
                        .path("state")
                        .asText())
                .isEqualTo("STOPPED");
        assertThat(invoke(api, respond(caseId, "Too late?", null)).status()).isEqualTo(409);
        assertThat(invoke(api, asAgent(reply(caseId, tenant))).status())
                .as("agents respond, not reply")
                .isEqualTo(403);
    }

    @Test
    void aChangeAgainstAStaleVersionIs409AndLosesNothing() {
        String caseId = open(sampleBody());
        long version = read(caseId).path("version").asLong();
        assertThat(invoke(api, respond(caseId, "First look.", null)).status()).isEqualTo(200);
        HttpResult stale = invoke(api, patch(caseId, change("B", null, "downgrade", version)));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("VERSION_CONFLICT");
        JsonNode now = read(caseId);
        assertThat(now.path("severity").asText()).isEqualTo("A");
        HttpResult fresh = invoke(
                api,
                patch(caseId, change("B", null, "downgrade", now.path("version").asLong())));
        assertThat(fresh.status()).isEqualTo(200);
    }

    @Test
    void concurrentResponsesAreAllKept() throws Exception {
        String caseId = open(bodyB());
        int agents = 8;
        List<ObjectNode> responses = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            responses.add(respond(caseId, "Note " + i, null));
        }
        assertThat(Concurrently.invokeAll(api, responses))
                .extracting(HttpResult::status)
                .containsOnly(200);
        JsonNode stored = read(caseId);
        Set<String> notes = new HashSet<>();
        stored.path("history").forEach(e -> {
            if (e.path("type").asText().equals("AGENT_RESPONDED")) {
                notes.add(e.path("message").asText());
            }
        });
        assertThat(notes).hasSize(agents);
        assertThat(stored.path("version").asLong()).isEqualTo(1 + agents);
        assertThat(stored.path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void listsPageWithAnOpaqueTokenThatCannotBeTamperedWith() {
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            opened.add(open(bodyB()));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = new java.util.LinkedHashMap<>(Map.of("limit", "2"));
            if (token != null) {
                query.put("nextToken", token);
            }
            HttpResult page = invoke(api, asAdmin(list(query), tenant));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("cases").forEach(c -> seen.add(c.path("caseId").asText()));
            token = page.json().path("nextToken").isMissingNode()
                    ? null
                    : page.json().path("nextToken").asText();
            pages++;
        } while (token != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(opened.reversed());

        String first = invoke(api, asAdmin(list(Map.of("limit", "2")), tenant))
                .json()
                .path("nextToken")
                .asText();
        // forged and edited tokens: PageTokenTest
        for (String bad : List.of("garbage", first.substring(0, first.length() - 3))) {
            HttpResult result = invoke(api, asAdmin(list(Map.of("nextToken", bad)), tenant));
            assertThat(result.status()).as(bad).isEqualTo(400);
            assertThat(result.errorCode()).isEqualTo("INVALID_NEXT_TOKEN");
        }
        // a token is bound to its query: another tenant or another filter cannot use it
        String other = newTenant();
        assertThat(invoke(api, asAdmin(list(Map.of("nextToken", first)), other)).status())
                .isEqualTo(400);
        assertThat(invoke(api, asAdmin(list(Map.of("status", "OPEN", "nextToken", first)), tenant))
                        .status())
                .isEqualTo(400);
        assertThat(invoke(api, asAdmin(list(Map.of("limit", "0")), tenant)).status())
                .isEqualTo(400);
        assertThat(invoke(api, asAdmin(list(Map.of("status", "ASLEEP")), tenant))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void anAdminListsOnlyTheirTenantAndAnAgentFiltersAcrossTenants() {
        String mine = open(bodyB());
        String theirs = newTenant();
        fixtures.organization(theirs, "CN", SupportPlan.STANDARD, false);
        String foreign = invoke(submission, submit(theirs, bodyB(), null))
                .json()
                .path("caseId")
                .asText();
        invoke(api, respond(foreign, "On it.", null));

        HttpResult sample = invoke(api, asAdmin(sampleEvent("cases-list.json"), tenant)); // ?status=OPEN
        assertThat(sample.status()).isEqualTo(200);
        assertThat(sample.json().path("cases")).hasSize(1);
        assertThat(sample.json().path("cases").get(0).path("caseId").asText()).isEqualTo(mine);
        assertThat(invoke(api, asAdmin(list(Map.of("tenant", theirs)), tenant)).status())
                .as("another organisation does not exist for an admin")
                .isEqualTo(404);
        HttpResult vague = invoke(api, asAgent(list(Map.of("breachingSoon", "yes"))));
        assertThat(vague.status()).isEqualTo(400);
        assertThat(vague.json().path("error").path("message").asText()).contains("breachingSoon");

        JsonNode byTenant =
                invoke(api, asAgent(list(Map.of("tenant", theirs)))).json().path("cases");
        assertThat(byTenant).hasSize(1);
        assertThat(byTenant.get(0).path("caseId").asText()).isEqualTo(foreign);
        assertThat(invoke(api, asAgent(list(Map.of("tenant", theirs, "status", "OPEN"))))
                        .json()
                        .path("cases"))
                .isEmpty();
        assertThat(invoke(api, asAgent(list(Map.of("tenant", theirs, "status", "IN_PROGRESS"))))
                        .json()
                        .path("cases"))
                .hasSize(1);

        List<String> openQueue = new ArrayList<>();
        String token = null;
        do { // the agent's default list: OPEN cases of every tenant
            Map<String, String> query = new java.util.HashMap<>(Map.of("limit", "100"));
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode page = invoke(api, asAgent(list(query))).json();
            page.path("cases").forEach(c -> openQueue.add(c.path("caseId").asText()));
            token = page.has("nextToken") ? page.path("nextToken").asText() : null;
        } while (token != null);
        assertThat(openQueue).contains(mine).doesNotContain(foreign);
    }

    @Test
    void agentsSeeWhichCasesAreBreachingSoon() {
        String urgent = open(sampleBody()); // A: due 10:00, warns at 09:45
        String later = open(bodyB()); // B: due 24:00
        clock.advance(Duration.ofMinutes(50));
        JsonNode soon = invoke(api, asAgent(list(Map.of("breachingSoon", "true", "tenant", tenant))))
                .json()
                .path("cases");
        assertThat(soon).hasSize(1);
        assertThat(soon.get(0).path("caseId").asText()).isEqualTo(urgent);
        assertThat(soon.get(0).path("initialResponse").path("warning").asBoolean())
                .isTrue();
        assertThat(soon.get(0).path("initialResponse").path("remaining").asText())
                .isEqualTo("PT10M");

        invoke(api, respond(urgent, "On the phone with you now.", null));
        assertThat(invoke(api, asAgent(list(Map.of("breachingSoon", "true", "tenant", tenant))))
                        .json()
                        .path("cases"))
                .isEmpty();
        assertThat(invoke(api, asAdmin(list(Map.of("breachingSoon", "true")), tenant))
                        .status())
                .isEqualTo(403);
        assertThat(later).isNotEqualTo(urgent);
    }
}
