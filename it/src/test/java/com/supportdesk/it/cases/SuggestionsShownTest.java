package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.cases.CaseFixtures.asAgent;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.HttpResult;
import org.junit.jupiter.api.Test;

/** A case records whether help articles were shown before it was opened. */
class SuggestionsShownTest extends CaseHandlersTest {

    private JsonNode opened(ObjectNode body) {
        HttpResult created = invoke(submission, submit(tenant, body, null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return invoke(
                        api,
                        asAdmin(CaseFixtures.get(created.json().path("caseId").asText()), tenant))
                .json();
    }

    @Test
    void theCaseKeepsWhatTheClientSaidAndSaysNothingWhenItSaidNothing() {
        ObjectNode shown = bodyB();
        shown.put("suggestionsShown", true);
        JsonNode withArticles = opened(shown);
        assertThat(withArticles.path("suggestionsShown").isBoolean()).isTrue();
        assertThat(withArticles.path("suggestionsShown").asBoolean()).isTrue();

        ObjectNode skipped = bodyB();
        skipped.put("suggestionsShown", false);
        JsonNode without = opened(skipped);
        assertThat(without.path("suggestionsShown").isBoolean()).isTrue();
        assertThat(without.path("suggestionsShown").asBoolean()).isFalse();

        assertThat(opened(bodyB()).has("suggestionsShown")).isFalse();
    }

    @Test
    void itSurvivesLaterChangesToTheCase() {
        ObjectNode shown = bodyB();
        shown.put("suggestionsShown", true);
        String caseId = opened(shown).path("caseId").asText();
        HttpResult responded = invoke(
                api, asAgent(CaseFixtures.respond(caseId, "Please send us the message trace.", "AWAITING_CUSTOMER")));
        assertThat(responded.status()).as(responded.toString()).isEqualTo(200);
        assertThat(responded.json().path("suggestionsShown").asBoolean()).isTrue();
    }

    @Test
    void itMustBeABoolean() {
        ObjectNode wrong = bodyB();
        wrong.put("suggestionsShown", "yes");
        assertThat(invoke(submission, submit(tenant, wrong, null)).status()).isEqualTo(400);
    }
}
