package com.supportdesk.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.model.CaseStatus;
import com.supportdesk.model.Category;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.Severity;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.RegisteredContacts;
import com.supportdesk.refusal.Refusal;
import com.supportdesk.sla.SlaPolicies;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure parts of cases: rules, lifecycle, directory, paging tokens and body hashes. */
class CaseDomainTest {
    private static final SlaPolicies POLICY = SlaPolicies.defaults();
    private static final CaseContact PHONE =
            new CaseContact("A", "a@b.cn", "+8613800138000", ContactMethod.EMAIL, Language.EN);
    private static final CaseContact EMAIL_ONLY =
            new CaseContact("A", "a@b.cn", null, ContactMethod.EMAIL, Language.EN);

    private static Organization org(SupportPlan plan) {
        return new Organization(
                "t1",
                "T",
                "CN",
                plan,
                Language.EN,
                new RegisteredContacts(List.of("a@b.cn"), List.of()),
                null,
                1,
                Instant.EPOCH,
                "op");
    }

    private static String refusal(Runnable check) {
        try {
            check.run();
            return "allowed";
        } catch (Refusal e) {
            assertThat(e.kind()).isEqualTo(Refusal.Kind.RULE_BROKEN);
            // the message is the rule's own text, in every language, under the one code
            assertThat(e.text().key()).startsWith(e.code());
            assertThat(e.message(Language.JA)).isNotBlank().isNotEqualTo(e.message(Language.EN));
            assertThat(e.message(Language.ZH_CN)).isNotBlank().isNotEqualTo(e.message(Language.EN));
            return e.code();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "ADVANCED, TECHNICAL, A, allowed",
        "STANDARD, TECHNICAL, A, SEVERITY_A_REQUIRES_ADVANCED_TECHNICAL",
        "ADVANCED, BILLING, A, SEVERITY_AT_MOST_B_FOR_NON_TECHNICAL",
        "ADVANCED, SUBSCRIPTION, A, SEVERITY_AT_MOST_B_FOR_NON_TECHNICAL",
        "STANDARD, PRESALES, A, SEVERITY_AT_MOST_B_FOR_NON_TECHNICAL",
        "STANDARD, PRESALES, B, allowed",
        "STANDARD, TECHNICAL, C, allowed",
    })
    void severityRules(SupportPlan plan, Category category, Severity severity, String outcome) {
        assertThat(refusal(() -> CaseRules.severity(org(plan), category, severity, "impact", PHONE, POLICY)))
                .isEqualTo(outcome);
    }

    @Test
    void severityANeedsImpactAndPhone() {
        assertThat(refusal(() -> CaseRules.severity(
                        org(SupportPlan.ADVANCED), Category.TECHNICAL, Severity.A, " ", PHONE, POLICY)))
                .isEqualTo(CaseRules.SEVERITY_A_IMPACT);
        assertThat(refusal(() -> CaseRules.severity(
                        org(SupportPlan.ADVANCED), Category.TECHNICAL, Severity.A, "x", EMAIL_ONLY, POLICY)))
                .isEqualTo(CaseRules.SEVERITY_A_PHONE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Mail flow stopped                        | -     | allowed",
                "Outlook add-in from Acme crashes         | -     | THIRD_PARTY_CONFIRMATION_REQUIRED",
                "Third party backup tool cannot log in    | -     | THIRD_PARTY_CONFIRMATION_REQUIRED",
                "第三方插件无法加载                          | -     | THIRD_PARTY_CONFIRMATION_REQUIRED",
                "Outlook add-in from Acme crashes         | false | allowed",
                "Mail flow stopped                        | true  | THIRD_PARTY_OUT_OF_SCOPE",
            })
    void thirdPartyDetection(String title, String flag, String outcome) {
        Boolean thirdParty = flag.equals("-") ? null : Boolean.valueOf(flag);
        NewCase request = new NewCase(
                null,
                Category.TECHNICAL,
                ServiceName.M365_APPS,
                title,
                "details",
                Severity.C,
                null,
                EMAIL_ONLY,
                thirdParty,
                null,
                null);
        assertThat(refusal(() -> CaseRules.thirdParty(request, "https://forum.example")))
                .isEqualTo(outcome);
    }

    @Test
    void lifecycle() {
        assertThat(CaseTransitions.allowed(CaseStatus.OPEN, CaseStatus.IN_PROGRESS))
                .isTrue();
        assertThat(CaseTransitions.allowed(CaseStatus.IN_PROGRESS, CaseStatus.AWAITING_CUSTOMER))
                .isTrue();
        assertThat(CaseTransitions.allowed(CaseStatus.AWAITING_CUSTOMER, CaseStatus.IN_PROGRESS))
                .isTrue();
        assertThat(CaseTransitions.allowed(CaseStatus.AWAITING_CUSTOMER, CaseStatus.RESOLVED))
                .isTrue();
        assertThat(CaseTransitions.allowed(CaseStatus.RESOLVED, CaseStatus.CLOSED))
                .isTrue();
        assertThat(CaseTransitions.allowed(CaseStatus.OPEN, CaseStatus.CANCELLED))
                .isTrue();
        assertThat(CaseTransitions.allowed(CaseStatus.OPEN, CaseStatus.RESOLVED))
                .isFalse();
        assertThat(CaseTransitions.allowed(CaseStatus.OPEN, CaseStatus.CLOSED)).isFalse();
        assertThat(CaseTransitions.allowed(CaseStatus.RESOLVED, CaseStatus.CANCELLED))
                .isFalse();
        assertThat(CaseTransitions.allowed(CaseStatus.CLOSED, CaseStatus.IN_PROGRESS))
                .isFalse();
        assertThat(CaseTransitions.allowed(CaseStatus.CANCELLED, CaseStatus.OPEN))
                .isFalse();
        assertThatThrownBy(() -> CaseTransitions.require("CS-1", CaseStatus.OPEN, CaseStatus.CLOSED))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.CONFLICT));
    }

    @ParameterizedTest
    @CsvSource({
        "US, 1 800 865 9408",
        "CA, 1 800 865 9408",
        "AU, 1 800 197 503",
        "GB, 0800 032 6417",
        "CN, (86) 400-089-0365",
        "JP, (86) 400-089-0365",
        "gb, 0800 032 6417"
    })
    void phoneDirectory(String country, String number) {
        assertThat(SupportDirectory.phoneFor(country, Language.EN).number()).isEqualTo(number);
    }

    @Test
    void wordsComeFromThePolicyInEveryLanguage() {
        SupportDirectory directory = new SupportDirectory(POLICY);
        assertThat(directory.expectedInitialResponse(Severity.A, Category.TECHNICAL, Language.EN))
                .isEqualTo("An engineer responds within 1 hour, 24 hours a day, 7 days a week."
                        + " After that we keep you updated at least every 4 hours until the issue is resolved.");
        assertThat(directory.expectedInitialResponse(Severity.C, Category.TECHNICAL, Language.EN))
                .contains("3 business days")
                .contains("45 hours of support time");
        assertThat(directory.supportHours(Category.TECHNICAL, Language.EN))
                .isEqualTo("Every day 09:00–24:00, public holidays included (Beijing time)");
        assertThat(directory.supportHours(Category.BILLING, Language.EN))
                .startsWith("Monday–Friday 09:00–18:00, closed on public holidays, open on make-up working days");
        assertThat(directory.expectedInitialResponse(Severity.A, Category.TECHNICAL, Language.JA))
                .isEqualTo("1 時間以内にエンジニアが初期対応します (24 時間 365 日)。" + "その後も、問題が解決するまで少なくとも 4 時間ごとに状況をお知らせします。");
        assertThat(directory.supportHours(Category.TECHNICAL, Language.ZH_CN)).contains("北京时间");
        assertThat(directory.supportHours(Category.BILLING, Language.JA)).startsWith("月曜日～金曜日 09:00–18:00");
    }

    @Test
    void theBodyHashIgnoresSpacingAndKeyOrderButNotContentOrTenant() {
        String a = IdempotencyKeys.bodyHash("t1", "{\"title\":\"x\",\"severity\":\"B\"}");
        assertThat(IdempotencyKeys.bodyHash("t1", "{ \"severity\" : \"B\",\n \"title\":\"x\" }"))
                .isEqualTo(a);
        assertThat(IdempotencyKeys.bodyHash("t1", "{\"title\":\"y\",\"severity\":\"B\"}"))
                .isNotEqualTo(a);
        assertThat(IdempotencyKeys.bodyHash("t2", "{\"title\":\"x\",\"severity\":\"B\"}"))
                .isNotEqualTo(a);
    }

    @Test
    void aConversationStopsBeforeTheCaseCouldNoLongerBeReadBack() {
        CaseRules.requireRoomForMessage("CS-AAAA-BBBB-CCCC", CaseRules.MAX_MESSAGES - 1);
        assertThatThrownBy(() -> CaseRules.requireRoomForMessage("CS-AAAA-BBBB-CCCC", CaseRules.MAX_MESSAGES))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.kind()).isEqualTo(Refusal.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo("CASE_CONVERSATION_FULL");
                });
        // the promise behind the limit: the largest possible conversation fits in one Lambda response
        long worstCaseBytes = (long) CaseRules.MAX_MESSAGES * CaseChanges.MAX_MESSAGE * 3;
        assertThat(worstCaseBytes).isLessThan(5L * 1024 * 1024);
    }
}
