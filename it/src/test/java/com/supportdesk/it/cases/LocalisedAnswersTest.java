package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.as;
import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.newTenant;
import static com.supportdesk.it.cases.CaseFixtures.sampleBody;
import static com.supportdesk.it.cases.CaseFixtures.submit;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an administrator reads comes in their language (decision 0013): the support options, the receipt
 * of a new case and every refusal, in Japanese and Chinese as asked by {@code Accept-Language} (q-values
 * included), else in the organisation's language, else in English, with {@code Content-Language} saying
 * which and the same stable {@code code} in every language.
 */
class LocalisedAnswersTest extends CaseHandlersTest {

    private static ObjectNode withLanguage(ObjectNode event, String acceptLanguage) {
        if (acceptLanguage != null) {
            event.withObject("headers").put("accept-language", acceptLanguage);
        }
        return event;
    }

    private HttpResult options(String tenantId, String acceptLanguage) {
        HttpResult result = invoke(
                submission, withLanguage(asAdmin(sampleEvent("support-options.json"), tenantId), acceptLanguage));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result;
    }

    /** An organisation in Japan whose profile says Japanese, on the STANDARD plan. */
    private String japaneseOrganisation() {
        String id = newTenant();
        new OrganizationRepository(fixtures.dynamo, fixtures.table("OrganizationsTable"))
                .save(new Organization(
                        id,
                        "株式会社 " + id,
                        "JP",
                        SupportPlan.STANDARD,
                        Language.JA,
                        new RegisteredContacts(List.of("admin@" + id + ".example"), List.of("+81355550123")),
                        null,
                        1,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        "operator-1"));
        return id;
    }

    @Test
    void theOptionsSpeakJapaneseAndChineseWhenAskedAndEnglishForALanguageTheDeskDoesNotWrite() {
        HttpResult ja = options(tenant, "ja-JP,ja;q=0.9,en;q=0.5");
        assertThat(ja.headers()).containsEntry("content-language", "ja");
        JsonNode body = ja.json();
        assertThat(body.path("language").asText()).isEqualTo("ja");
        assertThat(body.path("phone").path("label").asText()).isEqualTo("地域オペレーターのサポート窓口");
        assertThat(body.path("phone").path("hours").path("text").asText()).contains("テクニカル サポートは毎日");
        assertThat(body.path("phone").path("number").asText()).isEqualTo("(86) 400-089-0365");
        JsonNode vendor = body.path("contacts").get(body.path("contacts").size() - 1);
        assertThat(vendor.path("kind").asText()).isEqualTo("VENDOR");
        assertThat(vendor.path("name").asText()).isEqualTo("サポート デスク");
        assertThat(vendor.path("note").asText()).isEqualTo("オンラインでケースを作成いただくか、お電話でお問い合わせください。");
        assertThat(hours(body, "TECHNICAL")).isEqualTo("毎日 09:00–24:00、祝日も対応 (北京時間)");
        assertThat(hours(body, "BILLING")).startsWith("月曜日～金曜日 09:00–18:00、祝日は休業");
        assertThat(expected(body, "A", "TECHNICAL"))
                .isEqualTo("1 時間以内にエンジニアが初期対応します (24 時間 365 日)。" + "その後も、問題が解決するまで少なくとも 4 時間ごとに状況をお知らせします。");
        // codes and field names stay as the contract spells them
        assertThat(body.path("expectedResponse").get(0).path("category").asText())
                .isEqualTo("TECHNICAL");

        HttpResult zh = options(tenant, "zh-CN");
        assertThat(zh.headers()).containsEntry("content-language", "zh-CN");
        body = zh.json();
        assertThat(body.path("language").asText()).isEqualTo("zh-CN");
        assertThat(body.path("phone").path("label").asText()).isEqualTo("区域运营商支持热线");
        assertThat(hours(body, "TECHNICAL")).isEqualTo("每天 09:00–24:00，节假日照常服务（北京时间）");
        assertThat(expected(body, "B", "BILLING")).contains("1 个工作日").contains("工程师");

        for (String header : List.of("fr", "fr-CA, de;q=0.8", "*")) {
            HttpResult other = options(tenant, header);
            assertThat(other.headers()).as(header).containsEntry("content-language", "en");
            assertThat(hours(other.json(), "TECHNICAL"))
                    .as(header)
                    .isEqualTo("Every day 09:00–24:00, public holidays included (Beijing time)");
        }
    }

    @Test
    void withoutAnAcceptLanguageTheOrganisationsLanguageIsUsed() {
        String japanese = japaneseOrganisation();
        HttpResult result = options(japanese, null);
        assertThat(result.headers()).containsEntry("content-language", "ja");
        assertThat(result.json().path("guidance").path("language").asText()).isEqualTo("ja");
        assertThat(hours(result.json(), "TECHNICAL")).contains("毎日");
        // an explicit preference wins over the profile
        assertThat(options(japanese, "en").headers()).containsEntry("content-language", "en");
    }

    @Test
    void theReceiptOfANewCaseIsInTheAskedLanguageAndARetryGetsTheSameBody() {
        clock.set(Instant.parse("2026-11-27T02:00:00Z"));
        HttpResult created =
                invoke(submission, withLanguage(submit(tenant, bodyB(), "receipt-ja-0001"), "ja,en;q=0.3"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.headers()).containsEntry("content-language", "ja");
        JsonNode receipt = created.json();
        assertThat(receipt.path("language").asText()).isEqualTo("ja");
        assertThat(receipt.path("supportHours").asText()).isEqualTo("毎日 09:00–24:00、祝日も対応 (北京時間)");
        assertThat(receipt.path("expectedInitialResponse").asText())
                .isEqualTo("サポート時間内で1 営業日以内にエンジニアが初期対応します (サポート時間で 15 時間)。");
        assertThat(receipt.path("initialResponse").path("targetText").asText()).isEqualTo("1 営業日");
        assertThat(receipt.path("initialResponse").path("target").asText()).isEqualTo("1 business day");
        assertThat(receipt.path("phone").path("label").asText()).isEqualTo("地域オペレーターのサポート窓口");
        assertThat(receipt.path("severity").asText()).isEqualTo("B");

        // the same key again, asked in English: the stored answer, as it was first given
        HttpResult again = invoke(submission, withLanguage(submit(tenant, bodyB(), "receipt-ja-0001"), "en"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(receipt);
        assertThat(again.headers()).containsEntry("content-language", "ja");

        HttpResult zh = invoke(submission, withLanguage(submit(tenant, bodyB(), null), "zh-Hans-CN"));
        assertThat(zh.status()).isEqualTo(201);
        assertThat(zh.headers()).containsEntry("content-language", "zh-CN");
        assertThat(zh.json().path("expectedInitialResponse").asText())
                .isEqualTo("工程师将在支持时间内的 1 个工作日内作出初始响应（按支持时间计 15 小时）。");
        assertThat(zh.json().path("phone").path("hours").path("text").asText()).contains("法定节假日休息");
    }

    @Test
    void aRuleRefusalHasOneCodeAndAMessageInEachLanguage() {
        String standard = newTenant();
        fixtures.organization(standard, "CN", SupportPlan.STANDARD, false);
        Map<String, String> messages = Map.of(
                "ja", "重大度 A は、高度なオンライン サービス契約をご締結の組織のテクニカル サポート ケースでのみご利用いただけます。",
                "zh-CN", "严重级别 A 仅适用于签订了高级联机服务合同的组织的技术支持案例。",
                "fr",
                        "Severity A is available only for technical cases of organisations with the advanced online"
                                + " services contract.");
        messages.forEach((header, message) -> {
            HttpResult refused = invoke(submission, withLanguage(submit(standard, sampleBody(), null), header));
            assertThat(refused.status()).as(header).isEqualTo(422);
            assertThat(refused.errorCode()).as(header).isEqualTo("SEVERITY_A_REQUIRES_ADVANCED_TECHNICAL");
            assertThat(refused.json().path("error").path("message").asText())
                    .as(header)
                    .startsWith(message);
            assertThat(refused.headers().get("content-language"))
                    .as(header)
                    .isEqualTo(header.equals("fr") ? "en" : header);
        });

        ObjectNode billing = sampleBody();
        billing.put("category", "BILLING");
        billing.remove("service");
        HttpResult atMostB = invoke(submission, withLanguage(submit(tenant, billing, null), "zh-CN"));
        assertThat(atMostB.errorCode()).isEqualTo("SEVERITY_AT_MOST_B_FOR_NON_TECHNICAL");
        assertThat(atMostB.json().path("error").path("message").asText())
                .isEqualTo("严重级别 A 仅适用于技术支持，账单案例的最高严重级别为 B。请选择严重级别 B 或 C。");
    }

    @Test
    void refusalsAfterTheProfileIsReadSpeakTheOrganisationsLanguage() {
        String japanese = japaneseOrganisation();
        ObjectNode body = bodyB();
        body.put("title", "Outlook にサインインできない");
        body.put("description", "社内のプロキシを経由すると Outlook がサーバーに接続できません。");
        HttpResult network = invoke(submission, submit(japanese, body, null));
        assertThat(network.status()).isEqualTo(422);
        assertThat(network.errorCode()).isEqualTo("NETWORK_CONFIRMATION_REQUIRED");
        assertThat(network.headers()).containsEntry("content-language", "ja");
        assertThat(network.json().path("error").path("message").asText())
                .contains("お客様のネットワーク担当者")
                .contains("\"customerNetwork\": false");

        body.remove("title");
        HttpResult missing = invoke(submission, submit(japanese, body, null));
        assertThat(missing.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(missing.json().path("error").path("message").asText()).isEqualTo("項目「title」を入力してください。");

        // a user of that organisation is pointed to their administrator in Japanese
        HttpResult user = invoke(submission, as(sampleEvent("cases-submit.json"), "user-7", japanese, "[user]"));
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(user.headers()).containsEntry("content-language", "ja");
        assertThat(user.json().path("error").path("message").asText())
                .startsWith("サポート ケースを作成できるのは、組織の管理者のみです。")
                .contains("https://");
    }

    @Test
    void aRefusalBeforeAnyProfileIsReadFollowsAcceptLanguageThenEnglish() {
        ObjectNode unknown = asAdmin(CaseFixtures.get("CS-ZZZZ-ZZZZ-ZZZZ"), tenant);
        HttpResult zh = invoke(api, withLanguage(unknown.deepCopy(), "zh-CN,zh;q=0.9"));
        assertThat(zh.status()).isEqualTo(404);
        assertThat(zh.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(zh.json().path("error").path("message").asText()).isEqualTo("未找到案例 CS-ZZZZ-ZZZZ-ZZZZ。");
        assertThat(zh.headers()).containsEntry("content-language", "zh-CN");

        HttpResult en = invoke(api, unknown);
        assertThat(en.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(en.json().path("error").path("message").asText()).isEqualTo("Case CS-ZZZZ-ZZZZ-ZZZZ was not found.");
        assertThat(en.headers()).containsEntry("content-language", "en");

        ObjectNode badJson = withLanguage(submit(tenant, bodyB(), null), "ja");
        badJson.put("body", "{\"title\": ");
        HttpResult syntax = invoke(submission, badJson);
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.errorCode()).isEqualTo("INVALID_JSON");
        assertThat(syntax.json().path("error").path("message").asText()).isEqualTo("リクエスト本文が正しい JSON ではありません。");
    }

    private static String hours(JsonNode options, String category) {
        for (JsonNode hours : options.path("supportHours")) {
            if (hours.path("category").asText().equals(category)) {
                return hours.path("hours").asText();
            }
        }
        throw new AssertionError("no hours for " + category);
    }

    private static String expected(JsonNode options, String severity, String category) {
        for (JsonNode e : options.path("expectedResponse")) {
            if (e.path("severity").asText().equals(severity)
                    && e.path("category").asText().equals(category)) {
                return e.path("expectedInitialResponse").asText();
            }
        }
        throw new AssertionError("no expected response for " + severity + "/" + category);
    }
}
