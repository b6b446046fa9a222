package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.bodyB;
import static com.supportdesk.it.cases.CaseFixtures.respond;
import static com.supportdesk.it.cases.CaseFixtures.submit;
import static com.supportdesk.it.support.Handlers.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.local.LocalAws;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The notification requests the case functions publish, asserted at the HTTP level. WireMock stands in
 * for Amazon SNS because no SNS emulator runs here: the functions get its address as
 * {@code AWS_ENDPOINT_URL_SNS} and the test reads the {@code Publish} calls it received (topic ARN and
 * message JSON).
 */
class NotificationRequestsTest extends CaseHandlersTest {
    private static final String TOPIC = LocalAws.topicArn("NotificationsTopic");

    @AfterEach
    void healSns() {
        sns.accept();
    }

    @Test
    void anOpenedCaseIsAcknowledgedToTheAdminByTheirPreferredMethod() {
        String key = UUID.randomUUID().toString();
        String caseId = invoke(submission, submit(tenant, bodyB(), key))
                .json()
                .path("caseId")
                .asText();
        List<SnsStub.Published> published = sns.publishedFor(caseId);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).topicArn()).isEqualTo(TOPIC);
        assertThat(published.get(0).attributes())
                .containsEntry("type", "CASE_ACKNOWLEDGEMENT")
                .containsEntry("schemaVersion", "1");
        JsonNode message = published.get(0).message();
        assertThat(message.path("schema").asText()).isEqualTo("supportdesk.notification-request");
        assertThat(message.path("version").asInt()).isEqualTo(1);
        assertThat(message.path("type").asText()).isEqualTo("CASE_ACKNOWLEDGEMENT");
        assertThat(message.path("notificationId").asText()).isEqualTo(caseId + "#ack");
        assertThat(message.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(message.path("caseId").asText()).isEqualTo(caseId);
        assertThat(message.path("recipient").path("ref").asText()).isEqualTo("CASE_CONTACT");
        assertThat(message.path("recipient").path("channel").asText()).isEqualTo("EMAIL");
        assertThat(message.path("language").asText()).isEqualTo("en");
        assertThat(message.toString()).doesNotContain("@").doesNotContain("+86");

        // a retry with the same key answers from the key record and tells no one again
        assertThat(invoke(submission, submit(tenant, bodyB(), key)).status()).isEqualTo(200);
        assertThat(sns.publishedFor(caseId)).hasSize(1);

        ObjectNode byPhone = bodyB();
        byPhone.withObject("contact").put("preferredMethod", "PHONE").put("language", "zh-CN");
        String phoned = invoke(submission, submit(tenant, byPhone, null))
                .json()
                .path("caseId")
                .asText();
        JsonNode sms = sns.publishedFor(phoned).get(0).message();
        assertThat(sms.path("recipient").path("channel").asText()).isEqualTo("SMS");
        assertThat(sms.path("language").asText()).isEqualTo("zh-CN");
    }

    @Test
    void everyAgentResponseIsSentToTheAdminButRepliesAreNot() {
        String caseId = invoke(submission, submit(tenant, bodyB(), null))
                .json()
                .path("caseId")
                .asText();
        invoke(api, respond(caseId, "First answer.", "AWAITING_CUSTOMER"));
        invoke(api, CaseFixtures.reply(caseId, tenant));
        invoke(api, respond(caseId, "Second answer.", null));
        List<SnsStub.Published> published = sns.publishedFor(caseId);
        assertThat(published)
                .extracting(p -> p.message().path("type").asText())
                .containsExactly("CASE_ACKNOWLEDGEMENT", "CASE_RESPONSE", "CASE_RESPONSE");
        assertThat(published).extracting(SnsStub.Published::topicArn).containsOnly(TOPIC);
        assertThat(published.get(1).message().path("notificationId").asText())
                .isNotEqualTo(published.get(2).message().path("notificationId").asText());
        assertThat(published.get(1).message().toString()).doesNotContain("First answer");
    }

    @Test
    void whenTheTopicIsDownTheCaseIsStillOpenedAndTheRequestWaitsInItsOutbox() {
        sns.fail();
        HttpResult created = invoke(submission, submit(tenant, bodyB(), null));
        assertThat(created.status()).isEqualTo(201);
        String caseId = created.json().path("caseId").asText();
        Map<String, AttributeValue> item = fixtures.dynamo
                .getItem(b -> b.tableName(fixtures.table("CasesTable"))
                        .key(Map.of("pk", AttributeValue.fromS("CASE#" + caseId), "sk", AttributeValue.fromS("CASE"))))
                .item();
        assertThat(item.get("outbox").m()).containsKey(caseId + "#ack");
        // due for the sweep at once, so it publishes it again
        assertThat(item.get("checkKey").s()).startsWith("2026-11-27T01:00:00.000Z#");
        assertThat(item.get("checkBucket").s()).isEqualTo("2026-11-27T01");

        sns.accept();
        invoke(api, respond(caseId, "Answer.", null));
        Map<String, AttributeValue> after = fixtures.dynamo
                .getItem(b -> b.tableName(fixtures.table("CasesTable"))
                        .key(Map.of("pk", AttributeValue.fromS("CASE#" + caseId), "sk", AttributeValue.fromS("CASE"))))
                .item();
        assertThat(after.get("outbox").m()).containsOnlyKeys(caseId + "#ack");
    }

    @Test
    void aPublishedRequestLeavesTheOutbox() {
        String caseId = invoke(submission, submit(tenant, bodyB(), null))
                .json()
                .path("caseId")
                .asText();
        Map<String, AttributeValue> item = fixtures.dynamo
                .getItem(b -> b.tableName(fixtures.table("CasesTable"))
                        .key(Map.of("pk", AttributeValue.fromS("CASE#" + caseId), "sk", AttributeValue.fromS("CASE"))))
                .item();
        assertThat(item.containsKey("outbox") ? item.get("outbox").m() : Map.of())
                .isEmpty();
    }
}
