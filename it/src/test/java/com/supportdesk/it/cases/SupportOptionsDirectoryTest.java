package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.newTenant;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.model.SupportPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The phone line of the organisation's country, with its hours and languages, in the options and the receipt. */
class SupportOptionsDirectoryTest extends CaseHandlersTest {

    private static List<String> languages(JsonNode phone) {
        List<String> tags = new ArrayList<>();
        phone.path("languages").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    @Test
    void optionsShowTheHoursAndLanguagesOfTheCountrysLine() {
        String canadian = newTenant();
        fixtures.organization(canadian, "CA", SupportPlan.STANDARD, false);
        JsonNode phone = invoke(submission, asAdmin(sampleEvent("support-options.json"), canadian))
                .json()
                .path("phone");
        assertThat(phone.path("number").asText()).isEqualTo("1 800 865 9408");
        assertThat(phone.path("tel").asText()).isEqualTo("tel:+18008659408");
        assertThat(languages(phone)).containsExactly("en", "fr");
        assertThat(phone.path("hours").path("zone").asText()).isEqualTo("America/Toronto");
        assertThat(phone.path("hours").path("text").asText()).isNotBlank();

        JsonNode operator = invoke(submission, asAdmin(sampleEvent("support-options.json"), tenant))
                .json()
                .path("phone");
        assertThat(operator.path("number").asText()).isEqualTo("(86) 400-089-0365");
        assertThat(languages(operator)).containsExactly("zh-CN", "en");
        assertThat(operator.path("hours").path("zone").asText()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void theReceiptOfANewCaseNamesTheSameLine() {
        JsonNode receipt = invoke(submission, submit(tenant, bodyB(), null)).json();
        assertThat(receipt.path("phone").path("number").asText()).isEqualTo("(86) 400-089-0365");
        assertThat(languages(receipt.path("phone"))).contains("zh-CN");
    }
}
