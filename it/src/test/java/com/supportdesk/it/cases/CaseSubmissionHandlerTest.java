package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.as;
import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.cases.CaseFixtures.asAgent;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.newTenant;
import static com.supportdesk.it.cases.CaseFixtures.sampleBody;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.cases.IdempotencyKeys;
import com.supportdesk.it.support.Concurrently;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.servicehealth.Incident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /cases} and {@code GET /support/options}: every submission rule of SPEC section 4. */
class CaseSubmissionHandlerTest extends CaseHandlersTest {

    @Override
    boolean withPartner() {
        return true;
    }

    @Test
    void theSampleEventOpensASeverityACaseWithEverythingTheAdminNeeds() {
        Incident incident = fixtures.incident(ServiceName.EXCHANGE_ONLINE, "Delays sending to external domains");
        HttpResult created = invoke(submission, asAdmin(sampleEvent("cases-submit.json"), tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        String caseId = body.path("caseId").asText();
        assertThat(caseId).matches("CS(-[0-9A-HJKMNP-TV-Z]{4}){3}");
        assertThat(created.headers()).containsEntry("location", "/cases/" + caseId);
        assertThat(body.path("status").asText()).isEqualTo("OPEN");
        assertThat(body.path("severity").asText()).isEqualTo("A");
        assertThat(body.path("category").asText()).isEqualTo("TECHNICAL");
        JsonNode due = body.path("initialResponse");
        assertThat(due.path("dueAt").asText()).isEqualTo("2026-11-27T02:00:00Z");
        assertThat(due.path("dueAtLocal").asText()).isEqualTo("2026-11-27T10:00:00+08:00");
        assertThat(due.path("timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(body.path("supportHours").asText()).contains("24 hours a day, 7 days a week");
        assertThat(body.path("expectedInitialResponse").asText())
                .contains("within 1 hour")
                .contains("every 4 hours");
        assertThat(body.path("phone").path("number").asText()).isEqualTo("(86) 400-089-0365");
        List<String> linked = new ArrayList<>();
        body.path("incidents").forEach(i -> linked.add(i.path("incidentId").asText()));
        assertThat(linked).contains(incident.incidentId());
        assertThat(body.path("links").path("self").asText()).isEqualTo("/cases/" + caseId);

        JsonNode stored = invoke(api, asAdmin(CaseFixtures.get(caseId), tenant)).json();
        assertThat(stored.path("incidentIds").toString()).contains(incident.incidentId());
        assertThat(stored.path("history").get(0).path("type").asText()).isEqualTo("SUBMITTED");
        assertThat(stored.path("history").get(0).path("by").asText()).isEqualTo("admin-" + tenant);
        assertThat(stored.path("openedVia").asText()).isEqualTo("ONLINE");
    }

    @Test
    void severityBAndCDueTimesFollowTheirCategorysSupportHours() {
        clock.set(Instant.parse("2026-11-27T02:00:00Z")); // Friday 10:00 Beijing
        JsonNode technical = invoke(submission, submit(tenant, bodyB(), null)).json();
        assertThat(technical.path("initialResponse").path("dueAt").asText()).isEqualTo("2026-11-28T02:00:00Z");
        assertThat(technical.path("supportHours").asText())
                .contains("Every day 09:00–24:00")
                .contains("public holidays included");

        ObjectNode billing = bodyB();
        billing.put("category", "BILLING");
        billing.remove("service");
        billing.put("title", "Invoice shows the wrong number of licences");
        billing.put("description", "November invoice lists 2,400 seats; we have 2,300.");
        JsonNode bill = invoke(submission, submit(tenant, billing, null)).json();
        // 8 open hours on Friday, the ninth on Monday morning
        assertThat(bill.path("initialResponse").path("dueAt").asText()).isEqualTo("2026-11-30T02:00:00Z");
        assertThat(bill.path("initialResponse").path("dueAtLocal").asText()).isEqualTo("2026-11-30T10:00:00+08:00");
        assertThat(bill.path("supportHours").asText())
                .contains("Monday–Friday 09:00–18:00")
                .contains("closed on public holidays");
        assertThat(bill.path("expectedInitialResponse").asText())
                .contains("1 business day")
                .contains("9 hours");
    }

    @Test
    void aUserIsToldToAskTheirAdministratorOrTheCommunityForum() {
        HttpResult result = invoke(submission, as(sampleEvent("cases-submit.json"), "user-1", tenant, "[user]"));
        assertThat(result.status()).isEqualTo(403);
        assertThat(result.json().path("error").path("message").asText())
                .contains("contact your administrator")
                .contains("community forum")
                .contains("https://");
    }

    @Test
    void severityAIsOnlyForTechnicalCasesOnTheAdvancedPlan() {
        String standard = newTenant();
        fixtures.organization(standard, "CN", SupportPlan.STANDARD, false);
        HttpResult refused = invoke(submission, submit(standard, sampleBody(), null));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("SEVERITY_A_REQUIRES_ADVANCED_TECHNICAL");
        assertThat(refused.json().path("error").path("message").asText()).contains("advanced online services contract");

        for (String category : List.of("BILLING", "SUBSCRIPTION", "PRESALES")) {
            ObjectNode body = sampleBody();
            body.put("category", category);
            body.remove("service");
            HttpResult result = invoke(submission, submit(tenant, body, null));
            assertThat(result.status()).as(category).isEqualTo(422);
            assertThat(result.errorCode()).isEqualTo("SEVERITY_AT_MOST_B_FOR_NON_TECHNICAL");
            body.put("severity", "B");
            assertThat(invoke(submission, submit(tenant, body, null)).status())
                    .as(category + " B")
                    .isEqualTo(201);
        }
    }

    @Test
    void severityANeedsABusinessImpactAndAPhoneContact() {
        ObjectNode noImpact = sampleBody();
        noImpact.remove("businessImpact");
        HttpResult result = invoke(submission, submit(tenant, noImpact, null));
        assertThat(result.status()).isEqualTo(422);
        assertThat(result.errorCode()).isEqualTo("SEVERITY_A_REQUIRES_BUSINESS_IMPACT");

        ObjectNode noPhone = sampleBody();
        noPhone.withObject("contact").remove("phone");
        result = invoke(submission, submit(tenant, noPhone, null));
        assertThat(result.status()).isEqualTo(422);
        assertThat(result.errorCode()).isEqualTo("SEVERITY_A_REQUIRES_PHONE_CONTACT");
        assertThat(invoke(api, asAdmin(CaseFixtures.list(Map.of()), tenant))
                        .json()
                        .path("cases"))
                .isEmpty();
    }

    @Test
    void thirdPartyTroubleshootingIsRefusedWithGuidance() {
        ObjectNode flagged = bodyB();
        flagged.put("thirdParty", true);
        HttpResult refused = invoke(submission, submit(tenant, flagged, null));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("THIRD_PARTY_OUT_OF_SCOPE");
        assertThat(refused.json().path("error").path("message").asText()).contains("community forum");

        ObjectNode mentions = bodyB();
        mentions.put("title", "Outlook crashes with the Acme CRM add-in");
        HttpResult confirm = invoke(submission, submit(tenant, mentions, null));
        assertThat(confirm.status()).isEqualTo(422);
        assertThat(confirm.errorCode()).isEqualTo("THIRD_PARTY_CONFIRMATION_REQUIRED");
        assertThat(confirm.json().path("error").path("message").asText()).contains("\"thirdParty\": false");

        mentions.put("thirdParty", false);
        assertThat(invoke(submission, submit(tenant, mentions, null)).status()).isEqualTo(201);
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameCaseAndAnotherBodyIsAConflict() {
        String key = UUID.randomUUID().toString();
        HttpResult first = invoke(submission, submit(tenant, bodyB(), key));
        clock.advance(java.time.Duration.ofMinutes(3));
        HttpResult retry = invoke(submission, submit(tenant, bodyB(), key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());

        ObjectNode other = bodyB();
        other.put("title", "Something else");
        HttpResult conflict = invoke(submission, submit(tenant, other, key));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");

        // the same key in another tenant is another key
        String otherTenant = newTenant();
        fixtures.organization(otherTenant, "CN", SupportPlan.STANDARD, false);
        assertThat(invoke(submission, submit(otherTenant, bodyB(), key)).status())
                .isEqualTo(201);

        HttpResult badKey = invoke(submission, submit(tenant, bodyB(), "short"));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.errorCode()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        assertThat(invoke(api, asAdmin(CaseFixtures.list(Map.of()), tenant))
                        .json()
                        .path("cases"))
                .hasSize(1);
    }

    @Test
    void aKeyIsBoundForItsLifetimeAndFreeAgainAfterIt() {
        String key = UUID.randomUUID().toString();
        HttpResult first = invoke(submission, submit(tenant, bodyB(), key));
        assertThat(first.status()).isEqualTo(201);
        ObjectNode other = bodyB();
        other.put("title", "A new problem under an old key");

        clock.advance(IdempotencyKeys.LIFETIME.minusMinutes(1));
        assertThat(invoke(submission, submit(tenant, other, key)).errorCode())
                .as("another body within the lifetime")
                .isEqualTo("IDEMPOTENCY_KEY_REUSED");

        clock.advance(java.time.Duration.ofMinutes(2));
        HttpResult reused = invoke(submission, submit(tenant, other, key));
        assertThat(reused.status()).as("another body after the lifetime").isEqualTo(201);
        assertThat(reused.json().path("caseId").asText())
                .isNotEqualTo(first.json().path("caseId").asText());
        HttpResult retry = invoke(submission, submit(tenant, other, key));
        assertThat(retry.status()).as("the key now answers for the new case").isEqualTo(200);
        assertThat(retry.body()).isEqualTo(reused.body());
    }

    @Test
    void parallelIdenticalSubmissionsCreateExactlyOneCase() throws Exception {
        String key = UUID.randomUUID().toString();
        int callers = 8;
        List<ObjectNode> retries = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            retries.add(submit(tenant, bodyB(), key));
        }
        List<HttpResult> answers = Concurrently.invokeAll(submission, retries);
        assertThat(answers).extracting(HttpResult::status).containsOnly(201, 200);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        Set<String> ids = new HashSet<>();
        answers.forEach(a -> ids.add(a.json().path("caseId").asText()));
        assertThat(ids).hasSize(1);
        assertThat(answers)
                .extracting(HttpResult::body)
                .containsOnly(answers.get(0).body());
        JsonNode listed =
                invoke(api, asAdmin(CaseFixtures.list(Map.of()), tenant)).json().path("cases");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("caseId").asText())
                .isEqualTo(ids.iterator().next());
    }

    @Test
    void anAgentNeedsAVerificationGrantToOpenACase(LocalAws aws) {
        ObjectNode body = bodyB();
        body.put("tenantId", tenant);
        ObjectNode withoutGrant = asAgent(submit(tenant, body, null));
        HttpResult refused = invoke(submission, withoutGrant);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").path("message").asText()).contains("Verification-Grant");

        ObjectNode madeUp = asAgent(submit(tenant, body, null));
        madeUp.withObject("headers").put("verification-grant", "GRT-AAAA-BBBB-CCCC-DDDD-EEEE");
        assertThat(invoke(submission, madeUp).status()).isEqualTo(403);

        // the caller phones from the organisation's registered number: verified at once, with a grant
        HttpApiFunction verification = Handlers.http(aws, "VerificationFunction", clock);
        ObjectNode start = sampleEvent("verifications-start.json");
        start.put("body", "{\"tenantId\":\"" + tenant + "\",\"callerPhone\":\"+8613800138000\"}");
        CaseFixtures.as(start, "agent-li-1", null, "[agent]");
        HttpResult verified = invoke(verification, start);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(201);
        String grant = verified.json().path("grant").path("grantId").asText();

        ObjectNode withGrant = asAgent(submit(tenant, body, null));
        withGrant.withObject("headers").put("verification-grant", grant);
        HttpResult opened = invoke(submission, withGrant);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        HttpResult read = invoke(
                api, asAdmin(CaseFixtures.get(opened.json().path("caseId").asText()), tenant));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("openedVia").asText()).isEqualTo("PHONE");
        assertThat(read.json().path("history").get(0).path("reason").asText())
                .as("on whose authority")
                .contains(grant);

        ObjectNode otherAgent = CaseFixtures.as(submit(tenant, body, null), "agent-zhang-2", null, "[agent]");
        otherAgent.withObject("headers").put("verification-grant", grant);
        assertThat(invoke(submission, otherAgent).status())
                .as("a grant is the verifying agent's only")
                .isEqualTo(403);

        String otherTenant = newTenant();
        fixtures.organization(otherTenant, "CN", SupportPlan.STANDARD, false);
        ObjectNode elsewhere = bodyB();
        elsewhere.put("tenantId", otherTenant);
        ObjectNode wrongTenant = asAgent(submit(otherTenant, elsewhere, null));
        wrongTenant.withObject("headers").put("verification-grant", grant);
        assertThat(invoke(submission, wrongTenant).status())
                .as("a grant is for one tenant")
                .isEqualTo(403);

        clock.advance(java.time.Duration.ofMinutes(31));
        ObjectNode expired = asAgent(submit(tenant, body, null));
        expired.withObject("headers").put("verification-grant", grant);
        assertThat(invoke(submission, expired).status())
                .as("grants last 30 minutes")
                .isEqualTo(403);
    }

    @Test
    void anAdminCannotOpenACaseForAnotherTenant() {
        ObjectNode body = bodyB();
        body.put("tenantId", newTenant());
        assertThat(invoke(submission, submit(tenant, body, null)).status()).isEqualTo(403);
    }

    @Test
    void badBodiesAre400() {
        ObjectNode noService = bodyB();
        noService.remove("service");
        assertThat(invoke(submission, submit(tenant, noService, null)).status()).isEqualTo(400);
        ObjectNode badEmail = bodyB();
        badEmail.withObject("contact").put("email", "nope");
        assertThat(invoke(submission, submit(tenant, badEmail, null)).status()).isEqualTo(400);
        ObjectNode unknown = bodyB();
        unknown.put("status", "CLOSED");
        HttpResult result = invoke(submission, submit(tenant, unknown, null));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.errorCode()).isEqualTo("UNKNOWN_FIELD");
    }

    @Test
    void supportOptionsPutThePartnerFirstAndShowHoursResponsesAndIncidents() {
        Incident incident = fixtures.incident(ServiceName.SHAREPOINT_ONLINE, "Search results are stale");
        ObjectNode event = asAdmin(sampleEvent("support-options.json"), tenant);
        event.withObject("queryStringParameters").put("service", "SHAREPOINT_ONLINE");
        HttpResult result = invoke(submission, event);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode options = result.json();
        assertThat(options.path("contacts").get(0).path("kind").asText()).isEqualTo("PARTNER");
        assertThat(options.path("contacts").get(0).path("name").asText()).isEqualTo("Northwind Partners");
        assertThat(options.path("contacts").get(1).path("kind").asText()).isEqualTo("VENDOR");
        assertThat(options.path("phone").path("number").asText()).isEqualTo("(86) 400-089-0365");
        assertThat(options.path("incidents").toString()).contains(incident.incidentId());
        options.path("incidents")
                .forEach(i -> assertThat(i.path("service").asText()).isEqualTo("SHAREPOINT_ONLINE"));
        assertThat(options.path("supportHours")).hasSize(4);
        assertThat(options.path("expectedResponse").toString()).contains("\"severity\":\"A\"");

        String british = newTenant();
        fixtures.organization(british, "GB", SupportPlan.STANDARD, false);
        JsonNode gb = invoke(submission, asAdmin(sampleEvent("support-options.json"), british))
                .json();
        assertThat(gb.path("phone").path("number").asText()).isEqualTo("0800 032 6417");
        assertThat(gb.path("contacts").get(0).path("kind").asText()).isEqualTo("VENDOR");
        gb.path("expectedResponse").forEach(r -> {
            if (r.path("severity").asText().equals("A")) {
                assertThat(r.path("available").asBoolean()).isFalse();
            }
        });
        assertThat(invoke(submission, asAgent(sampleEvent("support-options.json")))
                        .status())
                .isEqualTo(403);
    }
}
