package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.cases.CaseFixtures.newTenant;
import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.model.Language;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.organizations.RegisteredContacts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code guidance} of {@code GET /support/options}: the policy's severity table per plan and language. */
class SeverityGuidanceTest extends CaseHandlersTest {

    private JsonNode guidance(String tenantId, String acceptLanguage) {
        ObjectNode event = asAdmin(sampleEvent("support-options.json"), tenantId);
        if (acceptLanguage != null) {
            event.withObject("headers").put("accept-language", acceptLanguage);
        }
        HttpResult result = invoke(submission, event);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("guidance");
    }

    private static JsonNode option(JsonNode guidance, String severity, String category) {
        for (JsonNode level : guidance.path("severities")) {
            if (level.path("severity").asText().equals(severity)) {
                for (JsonNode option : level.path("categories")) {
                    if (option.path("category").asText().equals(category)) {
                        return option;
                    }
                }
            }
        }
        throw new AssertionError("no " + severity + "/" + category + " in " + guidance);
    }

    private static JsonNode level(JsonNode guidance, String severity) {
        for (JsonNode level : guidance.path("severities")) {
            if (level.path("severity").asText().equals(severity)) {
                return level;
            }
        }
        throw new AssertionError("no severity " + severity);
    }

    private String organization(SupportPlan plan, Language language) {
        String id = newTenant();
        new OrganizationRepository(fixtures.dynamo, fixtures.table("OrganizationsTable"))
                .save(new Organization(
                        id,
                        "Org " + id,
                        "JP",
                        plan,
                        language,
                        new RegisteredContacts(List.of("admin@" + id + ".example"), List.of("+81355550123")),
                        null,
                        1,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        "operator-1"));
        return id;
    }

    @Test
    void theAdvancedPlanGetsTheWholeTableInEnglishByDefault() {
        JsonNode guidance = guidance(tenant, null);
        assertThat(guidance.path("language").asText()).isEqualTo("en");
        JsonNode a = level(guidance, "A");
        assertThat(a.path("label").asText()).isEqualTo("Severity A (critical)");
        assertThat(a.path("definition").asText()).contains("cannot be reached or used");
        assertThat(a.path("examples")).hasSize(3);
        assertThat(a.path("examples").get(1).asText()).contains("SharePoint site is down");
        assertThat(a.path("customerMustProvide")).hasSize(3);
        assertThat(a.path("customerMustProvide").get(2).asText()).contains("phone number");
        assertThat(level(guidance, "B").path("customerMustProvide")).hasSize(1);

        JsonNode technicalA = option(guidance, "A", "TECHNICAL");
        assertThat(technicalA.path("available").asBoolean()).isTrue();
        assertThat(technicalA.path("unavailable").isNull()
                        || technicalA.path("unavailable").isMissingNode())
                .isTrue();
        assertThat(technicalA.path("target").asText())
                .isEqualTo("An engineer responds within 1 hour, 24 hours a day, 7 days a week."
                        + " After that we keep you updated at least every 4 hours until the issue is resolved.");
        assertThat(technicalA.path("targetHours").asDouble()).isEqualTo(1.0);
        assertThat(technicalA.path("supportHours").asText())
                .isEqualTo("24 hours a day, 7 days a week, holidays included");

        JsonNode technicalB = option(guidance, "B", "TECHNICAL");
        assertThat(technicalB.path("targetHours").asDouble()).isEqualTo(15.0);
        assertThat(technicalB.path("supportHours").asText())
                .isEqualTo("Every day 09:00–24:00, public holidays included (Beijing time)");
        JsonNode billingC = option(guidance, "C", "BILLING");
        assertThat(billingC.path("target").asText()).contains("within 3 business days");
        assertThat(billingC.path("supportHours").asText())
                .startsWith("Monday–Friday 09:00–18:00, closed on public holidays");

        JsonNode billingA = option(guidance, "A", "BILLING");
        assertThat(billingA.path("available").asBoolean()).isFalse();
        assertThat(billingA.path("unavailable").path("code").asText())
                .isEqualTo("SEVERITY_AT_MOST_B_FOR_NON_TECHNICAL");
        assertThat(billingA.path("unavailable").path("reason").asText())
                .contains("For Billing the highest severity is B");
        assertThat(billingA.path("target").isMissingNode()).isTrue();
    }

    @Test
    void acceptLanguageChoosesJapaneseOrChineseAndTheCodesStayTheSame() {
        JsonNode ja = guidance(tenant, "ja-JP,ja;q=0.9,en;q=0.5");
        assertThat(ja.path("language").asText()).isEqualTo("ja");
        assertThat(level(ja, "A").path("label").asText()).isEqualTo("重大度 A (重大)");
        assertThat(level(ja, "C").path("examples").get(0).asText()).contains("パスワードを無期限");
        assertThat(option(ja, "A", "TECHNICAL").path("target").asText()).startsWith("1 時間以内にエンジニアが初期対応します");
        assertThat(option(ja, "B", "TECHNICAL").path("supportHours").asText()).isEqualTo("毎日 09:00–24:00、祝日も対応 (北京時間)");
        assertThat(option(ja, "A", "BILLING").path("unavailable").path("code").asText())
                .isEqualTo("SEVERITY_AT_MOST_B_FOR_NON_TECHNICAL");
        assertThat(option(ja, "A", "BILLING").path("categoryName").asText()).isEqualTo("課金");

        JsonNode zh = guidance(tenant, "zh-TW, en;q=0.8");
        assertThat(zh.path("language").asText()).isEqualTo("zh-CN");
        assertThat(level(zh, "B").path("label").asText()).isEqualTo("严重级别 B（高）");
        assertThat(option(zh, "C", "BILLING").path("supportHours").asText()).startsWith("周一至周五 09:00–18:00");
        assertThat(zh.path("downgradeNote").asText()).contains("降低案例的严重级别");
    }

    @Test
    void aStandardPlanSeesWhySeverityAIsNotOfferedInTheOrganisationsLanguage() {
        String fabrikam = organization(SupportPlan.STANDARD, Language.JA);
        JsonNode ja = guidance(fabrikam, null);
        assertThat(ja.path("language").asText())
                .as("the organisation's language")
                .isEqualTo("ja");
        JsonNode technicalA = option(ja, "A", "TECHNICAL");
        assertThat(technicalA.path("available").asBoolean()).isFalse();
        assertThat(technicalA.path("unavailable").path("code").asText())
                .isEqualTo("SEVERITY_A_REQUIRES_ADVANCED_TECHNICAL");
        assertThat(technicalA.path("unavailable").path("reason").asText()).contains("販売アカウント マネージャー");
        assertThat(technicalA.path("target").asText())
                .as("the target is still shown")
                .contains("1 時間以内");
        assertThat(technicalA.path("typicalWait").isMissingNode()).isTrue();
        assertThat(option(ja, "B", "TECHNICAL").path("available").asBoolean()).isTrue();

        JsonNode en = guidance(fabrikam, "en-US");
        assertThat(option(en, "A", "TECHNICAL")
                        .path("unavailable")
                        .path("reason")
                        .asText())
                .contains("advanced online services contract");
        JsonNode unknown = guidance(fabrikam, "fr-FR");
        assertThat(unknown.path("language").asText())
                .as("a language the desk does not write")
                .isEqualTo("ja");
    }
}
