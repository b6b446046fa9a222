package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.asAgent;
import static com.supportdesk.it.cases.CaseFixtures.patch;
import static com.supportdesk.it.cases.CaseFixtures.respond;
import static com.supportdesk.it.cases.CaseFixtures.sampleBody;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import com.supportdesk.it.support.Concurrently;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.local.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The satisfaction survey through the real case functions (events/cases-rate.json): the invitation when a
 * case is resolved, rating by the organisation's administrator only, changes within the configured period,
 * the same rating again changing nothing, and parallel ratings recorded once.
 */
class SatisfactionSurveyTest extends CaseHandlersTest {

    private String resolvedCase() {
        String caseId = invoke(submission, submit(tenant, sampleBody(), null))
                .json()
                .path("caseId")
                .asText();
        assertThat(invoke(api, asAgent(respond(caseId, "Checking the connector.", null)))
                        .status())
                .isEqualTo(200);
        ObjectNode resolve =
                Json.MAPPER.createObjectNode().put("status", "RESOLVED").put("reason", "Fixed");
        assertThat(invoke(api, asAgent(patch(caseId, resolve))).status()).isEqualTo(200);
        return caseId;
    }

    private static ApiEvent rate(String caseId, Map<String, String> claims, String body) {
        return ApiEvent.of("PUT /cases/{caseId}/satisfaction")
                .claims(claims)
                .path("caseId", caseId)
                .body(body);
    }

    private HttpResult call(ApiEvent event) {
        return invoke(api, event.json());
    }

    private JsonNode caseAsAgent(String caseId) {
        return call(ApiEvent.of("GET /cases/{caseId}")
                        .claims(Claims.agent("agent-reader"))
                        .path("caseId", caseId))
                .json();
    }

    private static long ratingEntries(JsonNode detail) {
        return StreamSupport.stream(detail.path("history").spliterator(), false)
                .filter(e -> e.path("type").asText().equals("SATISFACTION_RATED"))
                .count();
    }

    @Test
    void resolvingACaseInvitesItsContactOnceThroughTheNotificationPath() {
        String caseId = resolvedCase();

        List<SnsStub.Published> invitations = sns.publishedFor(caseId).stream()
                .filter(p -> p.message().path("type").asText().equals("SATISFACTION_SURVEY"))
                .toList();
        assertThat(invitations).hasSize(1);
        JsonNode request = invitations.get(0).message();
        assertThat(request.path("notificationId").asText()).isEqualTo(caseId + "#survey");
        assertThat(request.path("recipient").path("ref").asText()).isEqualTo("CASE_CONTACT");
        assertThat(request.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(invitations.get(0).attributes()).containsEntry("type", "SATISFACTION_SURVEY");
    }

    @Test
    void theAdminRatesAResolvedCaseAndAgentsSeeTheRatingOnTheCase() {
        String caseId = resolvedCase();

        HttpResult rated = call(rate(caseId, Claims.admin(tenant), "{\"rating\":4,\"comment\":\"Clear answers\"}"));

        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        assertThat(rated.json().path("rating").asInt()).isEqualTo(4);
        assertThat(rated.json().path("comment").asText()).isEqualTo("Clear answers");
        assertThat(rated.json().path("firstRatedAt").asText())
                .isEqualTo(clock.instant().toString());
        assertThat(rated.json().path("changeableUntil").asText())
                .isEqualTo(clock.instant().plus(Duration.ofDays(14)).toString());
        JsonNode detail = caseAsAgent(caseId);
        assertThat(detail.path("satisfaction").path("rating").asInt()).isEqualTo(4);
        assertThat(detail.path("satisfaction").path("comment").asText()).isEqualTo("Clear answers");
        assertThat(ratingEntries(detail)).isEqualTo(1);
        // the support queue hears of it: the score, never the comment
        List<SnsStub.Published> told = sns.publishedFor(caseId).stream()
                .filter(p -> p.message().path("type").asText().equals("SATISFACTION_RATED"))
                .toList();
        assertThat(told).hasSize(1);
        assertThat(told.get(0).message().path("recipient").path("ref").asText()).isEqualTo("SUPPORT_QUEUE");
        assertThat(told.get(0).message().toString()).contains("Rated 4 of 5").doesNotContain("Clear answers");
    }

    @Test
    void theSameRatingAgainChangesNothingAndAChangeWithinThePeriodReplacesIt() {
        String caseId = resolvedCase();
        String body = "{\"rating\":5}";
        assertThat(call(rate(caseId, Claims.admin(tenant), body)).status()).isEqualTo(200);
        long version = caseAsAgent(caseId).path("version").asLong();

        assertThat(call(rate(caseId, Claims.admin(tenant), body)).status()).isEqualTo(200);
        assertThat(caseAsAgent(caseId).path("version").asLong())
                .as("an identical rating writes nothing")
                .isEqualTo(version);

        clock.advance(Duration.ofDays(13));
        HttpResult changed = call(rate(caseId, Claims.admin(tenant), "{\"rating\":2,\"comment\":\"Came back\"}"));
        assertThat(changed.status()).isEqualTo(200);
        JsonNode detail = caseAsAgent(caseId);
        assertThat(detail.path("satisfaction").path("rating").asInt()).isEqualTo(2);
        assertThat(detail.path("satisfaction").path("changes").asInt()).isEqualTo(1);
        assertThat(ratingEntries(detail)).isEqualTo(2);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        HttpResult late = call(rate(caseId, Claims.admin(tenant), "{\"rating\":3}"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.errorCode()).isEqualTo("RATING_FINAL");
        // the final rating may still be sent again: nothing changes
        assertThat(call(rate(caseId, Claims.admin(tenant), "{\"rating\":2,\"comment\":\"Came back\"}"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theChangePeriodIsASettingOfTheFunction(LocalAws aws) {
        Map<String, String> env = new java.util.LinkedHashMap<>(sns.environment());
        env.put("SURVEY_CHANGE_PERIOD", "PT1H");
        api = Handlers.http(aws, "CaseApiFunction", clock, env);
        String caseId = resolvedCase();
        assertThat(call(rate(caseId, Claims.admin(tenant), "{\"rating\":3}")).status())
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(61));

        HttpResult late = call(rate(caseId, Claims.admin(tenant), "{\"rating\":4}"));

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.errorCode()).isEqualTo("RATING_FINAL");
    }

    @Test
    void onlyTheAdminOfTheCasesOrganisationRatesAndOnlyOnceItIsResolved() {
        String caseId = resolvedCase();
        String body = "{\"rating\":1}";

        assertThat(call(rate(caseId, Claims.admin(newOtherTenant()), body)).status())
                .as("another organisation's case does not exist")
                .isEqualTo(404);
        assertThat(call(rate(caseId, Claims.agent("agent-li-1"), body)).status())
                .isEqualTo(403);
        assertThat(call(rate(caseId, Claims.user(tenant), body)).status()).isEqualTo(403);
        assertThat(call(rate(caseId, Claims.operator(), body)).status()).isEqualTo(403);
        assertThat(caseAsAgent(caseId).has("satisfaction")).isFalse();

        String open = invoke(submission, submit(tenant, sampleBody(), null))
                .json()
                .path("caseId")
                .asText();
        HttpResult early = call(rate(open, Claims.admin(tenant), body));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.errorCode()).isEqualTo("CASE_NOT_RESOLVED");
    }

    @Test
    void aRatingOutsideOneToFiveOrACommentThatIsNotOneBoundedLineIsRefused() {
        String caseId = resolvedCase();
        List<String> bodies = List.of(
                "{\"rating\":0}",
                "{\"rating\":6}",
                "{\"rating\":4.5}",
                "{\"rating\":\"5\"}",
                "{}",
                "{\"rating\":5,\"comment\":\"line one\\nBcc: someone\"}",
                "{\"rating\":5,\"comment\":\"x\\u202etxt\"}",
                "{\"rating\":5,\"comment\":\"" + "x".repeat(501) + "\"}",
                "{\"rating\":5,\"tenantId\":\"other\"}");
        for (String body : bodies) {
            HttpResult refused = call(rate(caseId, Claims.admin(tenant), body));
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.errorCode()).as(body).isNotEmpty();
        }
        assertThat(caseAsAgent(caseId).has("satisfaction")).isFalse();
    }

    @Test
    void parallelIdenticalRatingsAreRecordedOnceAndParallelChangesAllLand() {
        String caseId = resolvedCase();
        List<JsonNode> same = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            same.add(rate(caseId, Claims.admin(tenant), "{\"rating\":5}").json());
        }

        List<HttpResult> answers = Concurrently.invokeAll(api, same);

        assertThat(answers)
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
        assertThat(ratingEntries(caseAsAgent(caseId)))
                .as("one rating, however many sent it")
                .isEqualTo(1);

        List<JsonNode> different = new ArrayList<>();
        for (int score = 1; score <= 4; score++) {
            different.add(rate(caseId, Claims.admin(tenant), "{\"rating\":" + score + "}")
                    .json());
        }
        List<HttpResult> changes = Concurrently.invokeAll(api, different);
        assertThat(changes)
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
        JsonNode detail = caseAsAgent(caseId);
        // every change is a history entry (none lost to a race); the last one written is the rating
        assertThat(ratingEntries(detail)).isEqualTo(5);
        JsonNode history = detail.path("history");
        String last = "";
        for (JsonNode e : history) {
            if (e.path("type").asText().equals("SATISFACTION_RATED")) {
                last = e.path("details").path("rating").asText();
            }
        }
        assertThat(detail.path("satisfaction").path("rating").asText()).isEqualTo(last);
    }

    private String newOtherTenant() {
        String other = CaseFixtures.newTenant();
        fixtures.organization(other, "CN", com.supportdesk.model.SupportPlan.ADVANCED, false);
        return other;
    }
}
