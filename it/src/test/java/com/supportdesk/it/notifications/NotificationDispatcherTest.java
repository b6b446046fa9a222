package com.supportdesk.it.notifications;

import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.cases.CaseEvent;
import com.supportdesk.cases.CaseEventType;
import com.supportdesk.functions.notificationdispatcher.NotificationDispatcherHandler;
import com.supportdesk.it.support.Concurrently;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.NotificationDispatch;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.it.support.TestContext;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Channel;
import com.supportdesk.model.Language;
import com.supportdesk.notifications.dispatch.DeliveryRecords;
import com.supportdesk.notifications.requests.NotificationDetails;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import com.supportdesk.notifications.requests.Recipient;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The dispatcher function driven the way the queue drives it, with cases opened and answered through the
 * real case functions: mail through the real SES v2 client into aws-ses-v2-local (read back from its
 * store), delivery records in dynalite. SNS has no emulator: the requests the case functions publish are
 * read from one WireMock, and the dispatcher's own SNS calls (SMS, agents' topics) are answered and
 * recorded by another; a WireMock also stands in for SES where SES has to fail.
 */
@ExtendWith(LocalAwsExtension.class)
class NotificationDispatcherTest {
    private static final String ON_CALL = LocalAws.topicArn("OnCallTopic");
    private static final String SUPPORT_QUEUE = LocalAws.topicArn("SupportQueueTopic");
    private static final String AGENTS = LocalAws.topicArn("AgentsTopic");

    static SnsStub requests;
    static ProviderStubs providers;
    DispatchFixture f;

    @BeforeAll
    static void startStubs() {
        requests = new SnsStub();
        providers = new ProviderStubs();
    }

    @AfterAll
    static void stopStubs() {
        requests.close();
        providers.close();
    }

    @BeforeEach
    void setUp(LocalAws aws) {
        f = new DispatchFixture(aws, requests, providers);
    }

    @Test
    void theSampleEventDrivesTheDispatcherAndTheAdminGetsOneMailWithTextAndHtml() {
        String caseId = f.openCase();
        ObjectNode event = Handlers.sampleEvent("notifications-sqs.json");
        ((ObjectNode) event.withArray("Records").get(0)).put("body", f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT"));

        SQSBatchResponse response = f.dispatcher.handleRequest(NotificationDispatch.parse(event), new TestContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<JsonNode> mails = f.mailsTo(f.adminEmail);
        assertThat(mails).hasSize(1);
        JsonNode mail = mails.get(0);
        assertThat(mail.path("from").asText()).isEqualTo("no-reply@supportdesk.example");
        assertThat(mail.path("subject").asText())
                .isEqualTo("[Support Desk] Case " + caseId + " received: Mail flow to external recipients stopped");
        assertThat(mail.path("body").path("text").asText())
                .startsWith("Dear Wang Fang,")
                .contains("Case ID:  " + caseId)
                .contains("Severity: A (critical)")
                .contains("by 2026-11-27 10:00 (Beijing time, UTC+08:00) at the latest");
        assertThat(mail.path("body").path("html").asText())
                .startsWith("<!DOCTYPE html>")
                .contains("<html lang=\"en\">")
                .contains(caseId)
                .contains("<strong>2026-11-27 10:00 (Beijing time, UTC+08:00)</strong>");
    }

    @Test
    void theMailIsInTheContactsLanguageAndNoValueBreaksTheSubjectOrTheHtml() {
        String caseId = f.openCase(body -> {
            // line breaks never get this far (the API refuses them in a title, SingleLineFieldsTest); a subject
            // made one line from stored text is MessageTemplatesTest's
            body.put("title", "Outlook <script>alert(1)</script> が起動しない");
            body.withObject("contact").put("language", "ja").put("name", "佐藤 <b>花子</b>");
        });
        assertThat(f.deliver(f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT"))).isEmpty();

        JsonNode mail = f.mailsTo(f.adminEmail).get(0);
        String subject = mail.path("subject").asText();
        assertThat(subject)
                .startsWith("【サポート デスク】ケース " + caseId + " を受け付けました：")
                .doesNotContain("\r")
                .doesNotContain("\n")
                .endsWith("が起動しない");
        assertThat(mail.path("destination").path("bcc")).isEmpty();
        assertThat(mail.path("body").path("text").asText())
                .startsWith("佐藤 <b>花子</b> 様")
                .contains("重大度：A（緊急）")
                .contains("2026-11-27 10:00（北京時間、UTC+08:00）までに");
        assertThat(mail.path("body").path("html").asText())
                .contains("<html lang=\"ja\">")
                .contains("佐藤 &lt;b&gt;花子&lt;/b&gt; 様")
                .contains("Outlook &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>")
                .doesNotContain("<b>花子");
    }

    @Test
    void aContactWhoPrefersThePhoneGetsAnSmsInTheirLanguage() {
        String caseId = f.openCase(body ->
                body.withObject("contact").put("preferredMethod", "PHONE").put("language", "zh-CN"));
        assertThat(f.deliver(f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT"))).isEmpty();

        List<Map<String, String>> sms = providers.publishedTo(f.adminPhone);
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0))
                .containsEntry("PhoneNumber", f.adminPhone)
                .containsEntry("MessageAttributes.entry.1.Name", "AWS.SNS.SMS.SMSType")
                .containsEntry("MessageAttributes.entry.1.Value.StringValue", "Transactional")
                .doesNotContainKey("TopicArn");
        assertThat(sms.get(0).get("Message"))
                .startsWith("支持服务台：已受理您的案例 " + caseId + "（A 级）")
                .contains("2026-11-27 10:00（北京时间，UTC+08:00）");
        assertThat(f.mailsTo(f.adminEmail)).as("SMS instead of mail").isEmpty();
    }

    @Test
    void aSeverityABreachPagesOnCallTellsTheSupportQueueAndApologisesToTheAdmin() {
        String caseId = f.openCase();
        f.clock.advance(Duration.ofMinutes(61));
        Map<String, String> details = Map.of(
                NotificationDetails.SEVERITY, "A",
                NotificationDetails.DUE_AT, "2026-11-27T02:00:00Z",
                NotificationDetails.REASON, "no first response within 1 hour");
        String onCall = request(caseId, "#breach#oncall", NotificationType.SLA_BREACH, Recipient.onCall(), details);
        String queue = request(caseId, "#breach#queue", NotificationType.SLA_BREACH, Recipient.supportQueue(), details);
        String admin = request(
                caseId, "#breach#admin", NotificationType.SLA_BREACH, Recipient.caseContact(Channel.EMAIL), details);

        assertThat(f.deliver(onCall, queue, admin)).isEmpty();

        Map<String, String> page = onlyPublishAbout(ON_CALL, caseId);
        assertThat(page.get("Subject"))
                .isEqualTo("[SLA BREACH] [PAGE] Sev A " + caseId + " first response overdue")
                .matches("[\\x20-\\x7e]{1,99}");
        assertThat(page.get("Message"))
                .contains("/cases/" + caseId)
                .contains("2026-11-27 10:00 (Beijing time, UTC+08:00) = 2026-11-27T02:00:00Z")
                .contains("Reason:   no first response within 1 hour")
                .contains("You are paged");
        assertThat(ProviderStubs.attributes(page))
                .containsEntry("type", "SLA_BREACH")
                .containsEntry("severity", "A")
                .containsEntry("tenantId", f.tenant);
        Map<String, String> queued = onlyPublishAbout(SUPPORT_QUEUE, caseId);
        assertThat(queued.get("Subject")).startsWith("[SLA BREACH] Sev A " + caseId);
        assertThat(queued.get("Message")).doesNotContain("You are paged");

        List<JsonNode> mails = f.mailsTo(f.adminEmail);
        assertThat(mails)
                .extracting(m -> m.path("subject").asText())
                .contains("[Support Desk] Case " + caseId + ": our first response is overdue");
        assertThat(mails.get(mails.size() - 1).path("body").path("text").asText())
                .contains("our on-call engineer has been paged")
                .doesNotContain("no first response within 1 hour");
    }

    @Test
    void anOwnedCasesBreachGoesToItsOwnerOnTheAgentsTopicAndAnUnownedOnesToOnCall() {
        String owned = f.openCase();
        String unowned = f.openCase();
        ObjectNode take = sampleEvent("cases-take.json");
        take.withObject("pathParameters").put("caseId", owned);
        take.put("rawPath", "/cases/" + owned + "/take");
        assertThat(Handlers.invoke(f.api, take).status()).isEqualTo(200); // agent-li-1, the sample's agent
        f.clock.advance(Duration.ofMinutes(61));
        Map<String, String> details = Map.of(
                NotificationDetails.SEVERITY, "A",
                NotificationDetails.DUE_AT, "2026-11-27T02:00:00Z",
                NotificationDetails.REASON, "no first response within 1 hour");

        assertThat(f.deliver(
                        request(owned, "#breach#owner", NotificationType.SLA_BREACH, Recipient.caseOwner(), details),
                        request(unowned, "#breach#owner", NotificationType.SLA_BREACH, Recipient.caseOwner(), details)))
                .isEmpty();

        Map<String, String> direct = onlyPublishAbout(AGENTS, owned);
        assertThat(ProviderStubs.attributes(direct))
                .containsEntry("agent", "agent-li-1")
                .containsEntry("type", "SLA_BREACH");
        assertThat(direct.get("Subject")).startsWith("[SLA BREACH] Sev A " + owned);
        assertThat(providers.publishedTo(ON_CALL).stream()
                        .filter(p -> owned.equals(ProviderStubs.attributes(p).get("caseId"))))
                .isEmpty();
        Map<String, String> page = onlyPublishAbout(ON_CALL, unowned);
        assertThat(page.get("Message")).contains("You are paged");
        assertThat(ProviderStubs.attributes(page)).doesNotContainKey("agent");
    }

    @Test
    void theSameQueueMessageDeliveredAgainSendsNothingTwice() {
        String caseId = f.openCase();
        String ack = f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT");
        assertThat(f.deliver(ack)).isEmpty();
        assertThat(f.deliver(ack)).as("a redelivery is acknowledged").isEmpty();
        assertThat(f.deliver(ack, ack)).as("two copies in one batch").isEmpty();

        assertThat(f.mailsTo(f.adminEmail)).hasSize(1);
        List<Map<String, AttributeValue>> items = f.deliveryItems(caseId + "#ack");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("state").s()).isEqualTo("SENT");
        assertThat(items.get(0).get("providerMessageId").s()).isNotBlank();
        assertThat(items.get(0).get("deliveryId").s()).startsWith(caseId + "#ack#EMAIL#");
        assertThat(items.get(0).toString()).as("no address in the record").doesNotContain(f.adminEmail);
        assertThat(Long.parseLong(items.get(0).get("expiresAt").n()))
                .isEqualTo(f.clock.instant().plus(DeliveryRecords.RETENTION).getEpochSecond());
    }

    @Test
    void parallelInvocationsWithTheSameMessageSendExactlyOneMail() {
        String caseId = f.openCase();
        String ack = f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT");
        List<Callable<List<String>>> invocations = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            NotificationDispatcherHandler container = f.dispatcher(providers.snsEnvironment());
            invocations.add(() -> NotificationDispatch.deliver(container, List.of(ack)));
        }

        List<List<String>> failures = Concurrently.callAll(invocations);

        assertThat(f.mailsTo(f.adminEmail)).hasSize(1);
        assertThat(failures.stream().filter(List::isEmpty).count())
                .as("the invocation that sent it, and any that came after it was recorded")
                .isGreaterThanOrEqualTo(1);
        // the ones that found it held are retried by the queue, and then find it sent
        assertThat(f.deliver(ack)).isEmpty();
        assertThat(f.mailsTo(f.adminEmail)).hasSize(1);
    }

    @Test
    void aFailingSesIsRetriedByTheQueueAndTheMailGoesOutOnceWhenSesRecovers() {
        String caseId = f.openCase();
        String ack = f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT");
        try (ProviderStubs failing = new ProviderStubs()) {
            failing.sesFails(500, "InternalFailure");
            NotificationDispatcherHandler sesDown = f.dispatcher(failing.snsAndSesEnvironment());

            assertThat(NotificationDispatch.deliver(sesDown, List.of(ack))).hasSize(1);
            assertThat(failing.sendEmailCalls()).as("the SDK's own retries").isGreaterThanOrEqualTo(1);
        }
        List<Map<String, AttributeValue>> items = f.deliveryItems(caseId + "#ack");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("state").s())
                .as("a 5xx may have sent it: the claim is kept until its lease ends")
                .isEqualTo("CLAIMED");
        assertThat(f.deliver(ack)).as("held while the lease runs").hasSize(1);
        assertThat(f.mailsTo(f.adminEmail)).isEmpty();

        f.clock.advance(DeliveryRecords.LEASE.plusSeconds(1));
        String metrics;
        try (StandardOutput out = new StandardOutput()) {
            assertThat(f.deliver(ack)).isEmpty();
            metrics = out.text();
        }
        assertThat(f.mailsTo(f.adminEmail)).hasSize(1);
        assertThat(metrics)
                .as("the takeover is counted as a possible duplicate")
                .containsPattern("\"Type\":\"CASE_ACKNOWLEDGEMENT\",\"Channel\":\"EMAIL\",\"Sent\":1,\"Retried\":0,"
                        + "\"Undeliverable\":0,\"PossibleDuplicate\":1");
        assertThat(f.deliver(ack)).isEmpty();
        assertThat(f.mailsTo(f.adminEmail)).hasSize(1);
        assertThat(f.deliveryItems(caseId + "#ack").get(0).get("attempts").n()).isEqualTo("2");
    }

    @Test
    void aWebhookListThatCannotBeReadHoldsUpNoMailAndOnlyItIsRetried() {
        String caseId = f.openCase();
        String ack = f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT");
        NotificationDispatcherHandler webhooksUnreadable =
                f.dispatcher(Map.of("WEBHOOKS_TABLE", "WebhooksTable-that-is-not-there"));

        assertThat(NotificationDispatch.deliver(webhooksUnreadable, List.of(ack)))
                .as("back to the queue for the webhooks")
                .hasSize(1);
        assertThat(f.mailsTo(f.adminEmail)).as("the mail went out all the same").hasSize(1);
        assertThat(NotificationDispatch.deliver(webhooksUnreadable, List.of(ack)))
                .hasSize(1);
        assertThat(f.mailsTo(f.adminEmail))
                .as("and the retry sent it no second time")
                .hasSize(1);

        assertThat(f.deliver(ack)).as("done once the webhooks can be read").isEmpty();
        assertThat(f.mailsTo(f.adminEmail)).hasSize(1);
    }

    @Test
    void aThrottledSendGivesItsClaimBackAndTheNextDeliverySendsOnce() {
        String caseId = f.openCase();
        String ack = f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT");
        try (ProviderStubs throttling = new ProviderStubs()) {
            throttling.sesFails(429, "TooManyRequestsException");
            assertThat(NotificationDispatch.deliver(f.dispatcher(throttling.snsAndSesEnvironment()), List.of(ack)))
                    .hasSize(1);
        }
        assertThat(f.deliveryItems(caseId + "#ack"))
                .as("nothing went out: no claim left")
                .isEmpty();

        assertThat(f.deliver(ack)).isEmpty();
        assertThat(f.mailsTo(f.adminEmail)).hasSize(1);
        assertThat(f.deliveryItems(caseId + "#ack").get(0).get("state").s()).isEqualTo("SENT");
    }

    @Test
    void aLeaseExpiredClaimIsTakenOverByExactlyOneOfManyAttempts() {
        String caseId = f.openCase();
        String ack = f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT");
        try (ProviderStubs failing = new ProviderStubs()) {
            failing.sesFails(503, "ServiceUnavailable"); // the holder's send ends in doubt, its claim stays
            assertThat(NotificationDispatch.deliver(f.dispatcher(failing.snsAndSesEnvironment()), List.of(ack)))
                    .hasSize(1);
        }
        f.clock.advance(DeliveryRecords.LEASE);
        List<Callable<List<String>>> invocations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            NotificationDispatcherHandler container = f.dispatcher(providers.snsEnvironment());
            invocations.add(() -> NotificationDispatch.deliver(container, List.of(ack)));
        }
        Concurrently.callAll(invocations);

        assertThat(f.mailsTo(f.adminEmail)).hasSize(1);
        Map<String, AttributeValue> item = f.deliveryItems(caseId + "#ack").get(0);
        assertThat(item.get("state").s()).isEqualTo("SENT");
        assertThat(item.get("attempts").n()).as("taken over once").isEqualTo("2");
    }

    @Test
    void aRejectedAddressIsRecordedOnTheCaseAndNotTriedAgain() {
        String caseId = f.openCase();
        String ack = f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT");
        try (ProviderStubs rejecting = new ProviderStubs()) {
            rejecting.sesFails(400, "BadRequestException");
            NotificationDispatcherHandler dispatcher = f.dispatcher(rejecting.snsAndSesEnvironment());

            assertThat(NotificationDispatch.deliver(dispatcher, List.of(ack)))
                    .as("acknowledged: retrying cannot help")
                    .isEmpty();
            assertThat(NotificationDispatch.deliver(dispatcher, List.of(ack))).isEmpty();
            assertThat(rejecting.sendEmailCalls()).as("tried once, never again").isEqualTo(1);
        }
        List<CaseEvent> undeliverable = f.storedCase(caseId).history().stream()
                .filter(e -> e.type() == CaseEventType.NOTIFICATION_UNDELIVERABLE)
                .toList();
        assertThat(undeliverable).hasSize(1);
        assertThat(undeliverable.get(0).role()).hasToString("SYSTEM");
        assertThat(undeliverable.get(0).reason())
                .contains("CASE_ACKNOWLEDGEMENT")
                .contains("email to l***@" + f.tenant + ".example")
                .contains("BadRequestException")
                .doesNotContain(f.adminEmail);
        assertThat(f.deliveryItems(caseId + "#ack").get(0).get("state").s()).isEqualTo("UNDELIVERABLE");
        // the case still works, its outbox and clocks intact
        f.respond(caseId, "We are on it.");
        assertThat(f.storedCase(caseId).history()).extracting(CaseEvent::type).contains(CaseEventType.AGENT_RESPONDED);
    }

    @Test
    void anSmsTheProviderRejectsIsRecordedOnTheCase() {
        String caseId = f.openCase(body -> body.withObject("contact").put("preferredMethod", "PHONE"));
        providers.invalidPhone(f.adminPhone);
        assertThat(f.deliver(f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT"))).isEmpty();
        assertThat(f.storedCase(caseId).history())
                .filteredOn(e -> e.type() == CaseEventType.NOTIFICATION_UNDELIVERABLE)
                .singleElement()
                .satisfies(e -> assertThat(e.reason())
                        .contains("by SMS to +86 *** ")
                        .contains("InvalidParameter")
                        .doesNotContain(f.adminPhone));
    }

    @Test
    void anAgentsResponseReachesTheAdminWordForWordAndEscapedInHtml() {
        String caseId = f.openCase();
        f.respond(caseId, "Please run <Get-MailboxPermission> & send us the output.\nThanks!");
        assertThat(f.deliver(f.requestAbout(caseId, "CASE_RESPONSE"))).isEmpty();

        JsonNode mail = f.mailsTo(f.adminEmail).get(0);
        assertThat(mail.path("subject").asText())
                .isEqualTo("[Support Desk] Case " + caseId + ": an engineer has responded");
        assertThat(mail.path("body").path("text").asText())
                .contains("Please run <Get-MailboxPermission> & send us the output.\nThanks!");
        assertThat(mail.path("body").path("html").asText())
                .contains("Please run &lt;Get-MailboxPermission&gt; &amp; send us the output.&#10;Thanks!");
    }

    @Test
    void everyRegisteredContactGetsAnOrganisationNoticeOnceByItsOwnChannel() {
        String notice = Json.write(NotificationRequest.of(
                "VER-TEST-" + f.tenant + "#verified",
                NotificationType.VERIFICATION_SUCCEEDED,
                f.tenant,
                null,
                Recipient.registeredContacts(),
                Language.EN,
                f.clock.instant(),
                Map.of(
                        NotificationDetails.METHOD, "CODE",
                        NotificationDetails.MASKED_DESTINATION, "i***@contoso.example",
                        NotificationDetails.GRANT_EXPIRES_AT, "2026-11-27T01:30:00Z")));
        assertThat(f.deliver(notice)).isEmpty();
        assertThat(f.deliver(notice)).isEmpty();

        String registered = "it-" + f.tenant + "@contoso.example";
        assertThat(f.mailsTo(registered)).singleElement().satisfies(m -> assertThat(
                        m.path("body").path("text").asText())
                .contains("who read back a code sent to i***@contoso.example")
                .contains("until 2026-11-27 09:30 (Beijing time, UTC+08:00)"));
        assertThat(providers.publishedTo(f.adminPhone)).singleElement().satisfies(sms -> assertThat(sms.get("Message"))
                .startsWith("Support Desk: a caller was verified as an admin of Contoso " + f.tenant));
        assertThat(f.deliveryItems("VER-TEST-" + f.tenant + "#verified"))
                .extracting(i -> i.get("channel").s())
                .containsExactlyInAnyOrder("EMAIL", "SMS");
    }

    @Test
    void requestsTheDispatcherCannotActOnGoBackToTheQueueAndOnToTheDeadLetterQueue() {
        String caseId = f.openCase();
        String ack = f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT");
        ObjectNode newer = DispatchFixture.parse(ack);
        newer.put("version", 2);
        ObjectNode unknownRecipient = DispatchFixture.parse(ack);
        unknownRecipient.withObject("recipient").put("ref", "EVERYONE");
        String noAgentTemplate =
                request(caseId, "#ack#oncall", NotificationType.CASE_ACKNOWLEDGEMENT, Recipient.onCall(), Map.of());
        String unknownCase = ack.replace(caseId, "CS-0000-0000-0000");
        ObjectNode unknownType = DispatchFixture.parse(ack);
        unknownType.put("type", "HAPPY_BIRTHDAY");

        NotificationDispatcherHandler dispatcher = f.dispatcher;
        SQSBatchResponse response = dispatcher.handleRequest(
                NotificationDispatch.event(List.of(
                        "not json",
                        "{\"schema\":\"something.else\",\"version\":1}",
                        newer.toString(),
                        unknownRecipient.toString(),
                        noAgentTemplate,
                        unknownCase,
                        unknownType.toString(),
                        ack)),
                new TestContext());

        assertThat(NotificationDispatch.failures(response))
                .as("all but the good one")
                .hasSize(7);
        assertThat(f.mailsTo(f.adminEmail)).as("the good one went out").hasSize(1);
        assertThat(providers.publishedTo(ON_CALL))
                .noneMatch(p -> caseId.equals(ProviderStubs.attributes(p).get("caseId")));
    }

    @Test
    void recordsLeftWhenTheInvocationRunsOutOfTimeGoBackToTheQueueUntouched() {
        String caseId = f.openCase();
        Context almostOut = (Context) Proxy.newProxyInstance(
                Context.class.getClassLoader(),
                new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis") ? 2_000 : null);
        SQSBatchResponse response = f.dispatcher.handleRequest(
                NotificationDispatch.event(List.of(f.requestAbout(caseId, "CASE_ACKNOWLEDGEMENT"))), almostOut);
        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(f.mailsTo(f.adminEmail)).isEmpty();
        assertThat(f.deliveryItems(caseId + "#ack")).isEmpty();
    }

    private String request(
            String caseId, String suffix, NotificationType type, Recipient recipient, Map<String, String> details) {
        return Json.write(NotificationRequest.of(
                caseId + suffix, type, f.tenant, caseId, recipient, Language.EN, f.clock.instant(), details));
    }

    private static Map<String, String> onlyPublishAbout(String topicArn, String caseId) {
        List<Map<String, String>> about = providers.publishedTo(topicArn).stream()
                .filter(p -> caseId.equals(ProviderStubs.attributes(p).get("caseId")))
                .toList();
        assertThat(about).hasSize(1);
        return about.get(0);
    }
}
