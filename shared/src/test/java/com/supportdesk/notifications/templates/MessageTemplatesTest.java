package com.supportdesk.notifications.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mustachejava.MustacheException;
import com.supportdesk.model.Language;
import com.supportdesk.model.Severity;
import com.supportdesk.notifications.requests.NotificationDetails;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every template of every type in every language, rendered with hostile values (markup, header
 * injection, bidi overrides) and with nothing but the request (no case, no details): no name is missing,
 * HTML escapes every value, subjects and SMS stay one line, nothing renders as "null" or leaves a tag.
 */
class MessageTemplatesTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Instant AT = Instant.parse("2026-11-27T01:00:00Z");
    private static final String HOSTILE_TITLE =
            "<script>alert('x')</script> & \"quotes\"\r\nBcc: victim@evil.example\u2028\u202Etxt.exe";
    private static final String HOSTILE_ORG = "Contoso\r\nBcc: victim@evil.example";
    private static final String RESPONSE = "Please run:\n  Get-MailboxPermission <mailbox>\nand send us the output.";

    private final MessageTemplates templates = new MessageTemplates();

    static Stream<Arguments> customerMessages() {
        List<Arguments> all = new ArrayList<>();
        for (NotificationType type : MessageTemplates.FOR_CUSTOMERS) {
            for (Language language : Language.values()) {
                all.add(Arguments.of(type, language));
            }
        }
        return all.stream();
    }

    @Test
    void everyTypeHasTemplatesForCustomersOrAgents() {
        for (NotificationType type : NotificationType.values()) {
            assertThat(MessageTemplates.FOR_CUSTOMERS.contains(type) || MessageTemplates.FOR_AGENTS.contains(type))
                    .as(type.name())
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("customerMessages")
    void everyCustomerTemplateRendersHostileValuesSafely(NotificationType type, Language language) {
        MessageModel model = MessageModel.of(
                request(type, language, fullDetails()),
                language,
                BEIJING,
                Optional.of(facts(Severity.A)),
                Optional.of(HOSTILE_ORG),
                false);
        MessageTemplates.Email email = templates.email(type, language, model);
        String sms = templates.sms(type, language, model);

        assertOneLine(email.subject());
        assertOneLine(sms);
        assertThat(email.subject()).isNotBlank().doesNotContain("null");
        assertThat(sms).isNotBlank().doesNotContain("null");
        assertThat(email.text()).isNotBlank().doesNotContain("{{").doesNotContain("null");

        assertThat(email.html())
                .startsWith("<!DOCTYPE html>")
                .contains("<html lang=\"" + language.tag() + "\">")
                .doesNotContain("{{")
                .doesNotContain("null")
                .doesNotContain("<script>")
                .doesNotContain("victim@evil.example\r")
                .doesNotContain("\r\nBcc");
        if (email.text().contains("<script>")) {
            // a value the text shows, HTML shows escaped
            assertThat(email.html())
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;");
        }
        switch (type) {
            case VERIFICATION_SUCCEEDED, CONTACT_SUSPENDED -> {
                assertThat(email.subject()).contains("Contoso Bcc: victim@evil.example");
                assertThat(email.html()).contains("Contoso&#13;&#10;Bcc: victim@evil.example");
                assertThat(email.text() + sms).doesNotContainPattern("[0-9]{4} [0-9]{4}");
            }
            default -> {
                assertThat(email.subject() + email.text() + sms).contains("CS-ABCD-EFGH-JKLM");
                assertThat(email.html()).contains("CS-ABCD-EFGH-JKLM").contains("&lt;script&gt;");
                assertThat(email.text()).contains("Li Na").contains("<script>");
            }
        }
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("customerMessages")
    void aRequestWithoutDetailsOrCaseStillRendersSensibly(NotificationType type, Language language) {
        MessageModel bare = MessageModel.of(
                request(type, language, Map.of()), language, BEIJING, Optional.empty(), Optional.empty(), false);
        MessageTemplates.Email email = templates.email(type, language, bare);
        String sms = templates.sms(type, language, bare);
        assertOneLine(email.subject());
        assertOneLine(sms);
        for (String part : List.of(email.subject(), email.text(), email.html(), sms)) {
            assertThat(part).isNotBlank().doesNotContain("null").doesNotContain("{{");
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void timesAreInBeijingTimeAndSaySo(Language language) {
        MessageModel model = MessageModel.of(
                request(NotificationType.CASE_ACKNOWLEDGEMENT, language, Map.of()),
                language,
                BEIJING,
                Optional.of(facts(Severity.B)),
                Optional.empty(),
                false);
        String text = templates
                .email(NotificationType.CASE_ACKNOWLEDGEMENT, language, model)
                .text();
        String zone =
                switch (language) {
                    case EN -> "2026-11-28 10:00 (Beijing time, UTC+08:00)";
                    case JA -> "2026-11-28 10:00（北京時間、UTC+08:00）";
                    case ZH_CN -> "2026-11-28 10:00（北京时间，UTC+08:00）";
                };
        assertThat(text).contains(zone);
    }

    /** "...an administrator of Contoso Ltd.." read badly: a name that ends a sentence brings its own stop. */
    @ParameterizedTest
    @EnumSource(Language.class)
    void anOrganisationNameEndingInAStopIsNotFollowedByASecond(Language language) {
        for (NotificationType type :
                List.of(NotificationType.VERIFICATION_SUCCEEDED, NotificationType.CONTACT_SUSPENDED)) {
            MessageModel model = MessageModel.of(
                    request(type, language, fullDetails()),
                    language,
                    BEIJING,
                    Optional.empty(),
                    Optional.of("Contoso Ltd."),
                    false);
            MessageTemplates.Email email = templates.email(type, language, model);
            if (type == NotificationType.VERIFICATION_SUCCEEDED) {
                assertThat(email.text()).as(type + " " + language).contains("Contoso Ltd.");
            }
            for (String text :
                    List.of(email.subject(), email.text(), email.html(), templates.sms(type, language, model))) {
                assertThat(text)
                        .as(type + " " + language)
                        .doesNotContain("Ltd..")
                        .doesNotContain("Ltd.。")
                        .doesNotContain("Ltd.</strong>.");
            }
        }
    }

    @Test
    void theDowngradeNoticeSaysWhenAndHowToKeepTheSeverity() {
        MessageModel model = MessageModel.of(
                request(NotificationType.DOWNGRADE_NOTICE, Language.EN, Map.of()),
                Language.EN,
                BEIJING,
                Optional.of(facts(Severity.A)),
                Optional.empty(),
                false);
        MessageTemplates.Email email = templates.email(NotificationType.DOWNGRADE_NOTICE, Language.EN, model);
        assertThat(email.subject()).contains("severity A will be lowered to B");
        assertThat(email.text())
                .contains("by 2026-11-27 13:00 (Beijing time, UTC+08:00)")
                .contains("from A (critical) to B (high)")
                .contains("reply to the case in the support portal")
                .contains("phone number or email address")
                .contains("around the clock");
    }

    @Test
    void aMissingDetailIsTakenFromTheCaseOrLeftOut() {
        MessageModel fromCase = MessageModel.of(
                request(NotificationType.SEVERITY_DOWNGRADED, Language.EN, Map.of()),
                Language.EN,
                BEIJING,
                Optional.of(facts(Severity.B)),
                Optional.empty(),
                false);
        assertThat(fromCase.get("fromSeverity")).isEqualTo("A");
        assertThat(fromCase.get("toSeverity")).isEqualTo("B");
        MessageModel nonsense = MessageModel.of(
                request(
                        NotificationType.SLA_BREACH,
                        Language.EN,
                        Map.of(NotificationDetails.DUE_AT, "yesterday", NotificationDetails.SEVERITY, "Z")),
                Language.EN,
                BEIJING,
                Optional.empty(),
                Optional.empty(),
                false);
        assertThat(nonsense.get("dueAt")).isEmpty();
        assertThat(nonsense.get("severity")).isEmpty();
        assertThat(templates
                        .email(NotificationType.SLA_BREACH, Language.EN, nonsense)
                        .text())
                .doesNotContain("due by");
    }

    @ParameterizedTest
    @EnumSource(
            value = NotificationType.class,
            names = {"SLA_WARNING", "SLA_BREACH", "FOLLOW_UP_OVERDUE"})
    void agentMessagesAreConciseWithAnAsciiSubjectAndTheCasePath(NotificationType type) {
        for (boolean onCall : new boolean[] {false, true}) {
            MessageModel model = MessageModel.of(
                    request(type, Language.JA, fullDetails()),
                    Language.EN,
                    BEIJING,
                    Optional.of(facts(Severity.A)),
                    Optional.empty(),
                    onCall);
            MessageTemplates.AgentMessage message = templates.agents(type, model);
            assertThat(message.subject())
                    .matches("[\\x20-\\x7e]{1,99}")
                    .contains("CS-ABCD-EFGH-JKLM")
                    .contains("Sev A");
            assertThat(message.subject().contains("[PAGE]")).isEqualTo(onCall);
            assertThat(message.text())
                    .contains("/cases/CS-ABCD-EFGH-JKLM")
                    .contains("contoso")
                    .contains("2026-11-27T05:00:00Z")
                    .contains("reason from the sweep")
                    .doesNotContain("{{")
                    .doesNotContain("null");
        }
    }

    @Test
    void aTemplateThatNamesAValueTheModelLacksFails() {
        TemplateRenderer renderer = new TemplateRenderer();
        Map<String, Object> values = MessageModel.of(
                        request(NotificationType.CASE_ACKNOWLEDGEMENT, Language.EN, Map.of()),
                        Language.EN,
                        BEIJING,
                        Optional.empty(),
                        Optional.empty(),
                        false)
                .values();
        assertThatThrownBy(() -> renderer.text("test/unknown-name.text.mustache", values))
                .isInstanceOf(MustacheException.class)
                .hasMessageContaining("noSuchName");
    }

    @Test
    void unescapedValuesAndDelimiterChangesAreRefused() {
        TemplateRenderer renderer = new TemplateRenderer();
        Map<String, Object> values = Map.of("caseTitle", "<b>");
        for (String name : List.of("test/triple.html.mustache", "test/ampersand.html.mustache")) {
            assertThatThrownBy(() -> renderer.html(name, values)).as(name).isInstanceOf(MustacheException.class);
        }
        assertThatThrownBy(() -> renderer.text("test/delimiters.text.mustache", values))
                .isInstanceOf(MustacheException.class);
    }

    private static void assertOneLine(String text) {
        assertThat(text).doesNotContainPattern("[\\r\\n\\u0085\\u2028\\u2029\\u202E\\p{Cc}]");
    }

    private static Map<String, String> fullDetails() {
        return Map.ofEntries(
                Map.entry(NotificationDetails.SEVERITY, "A"),
                Map.entry(NotificationDetails.FROM_SEVERITY, "A"),
                Map.entry(NotificationDetails.TO_SEVERITY, "B"),
                Map.entry(NotificationDetails.DUE_AT, "2026-11-27T05:00:00Z"),
                Map.entry(NotificationDetails.DOWNGRADE_AT, "2026-11-27T09:00:00Z"),
                Map.entry(NotificationDetails.REASON, "reason from the sweep"),
                Map.entry(NotificationDetails.METHOD, "CODE"),
                Map.entry(NotificationDetails.MASKED_DESTINATION, "j***@contoso.example"),
                Map.entry(NotificationDetails.GRANT_EXPIRES_AT, "2026-11-27T01:30:00Z"),
                Map.entry(NotificationDetails.MASKED_CONTACT, "+86 *** **** 0365"),
                Map.entry(NotificationDetails.SUSPENDED_UNTIL, "2026-11-28T01:00:00Z"));
    }

    private static NotificationRequest request(NotificationType type, Language language, Map<String, String> details) {
        boolean organisationNotice =
                type == NotificationType.VERIFICATION_SUCCEEDED || type == NotificationType.CONTACT_SUSPENDED;
        return NotificationRequest.of(
                "CS-ABCD-EFGH-JKLM#" + type,
                type,
                "contoso",
                organisationNotice ? null : "CS-ABCD-EFGH-JKLM",
                organisationNotice ? Recipient.registeredContacts() : Recipient.caseContact(null),
                language,
                AT,
                details);
    }

    private static CaseFacts facts(Severity severity) {
        return new CaseFacts(
                "CS-ABCD-EFGH-JKLM",
                HOSTILE_TITLE,
                severity,
                "TECHNICAL",
                "EXCHANGE_ONLINE",
                "AWAITING_CUSTOMER",
                "Li Na",
                Optional.of(Instant.parse("2026-11-28T02:00:00Z")),
                Optional.of(Instant.parse("2026-11-27T04:00:00Z")),
                Optional.of(Instant.parse("2026-11-27T05:00:00Z")),
                severity.lower(),
                Optional.of(RESPONSE));
    }
}
