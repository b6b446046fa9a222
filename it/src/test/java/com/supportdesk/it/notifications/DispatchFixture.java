package com.supportdesk.it.notifications;

import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.cases.CaseRepository;
import com.supportdesk.cases.CaseSla;
import com.supportdesk.cases.SupportCase;
import com.supportdesk.functions.notificationdispatcher.NotificationDispatcherHandler;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.MutableClock;
import com.supportdesk.it.support.NotificationDispatch;
import com.supportdesk.it.support.SesMailbox;
import com.supportdesk.it.support.SnsStub;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Language;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.notifications.dispatch.DeliveryRecords;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.organizations.RegisteredContacts;
import com.supportdesk.sla.SlaPolicies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One ADVANCED organisation of its own, cases opened and answered through the real case functions (whose
 * requests a WireMock SNS records), and the dispatcher function of template.yaml with mail to
 * aws-ses-v2-local and SNS (SMS, agents' topics) to the {@link ProviderStubs}.
 */
final class DispatchFixture {
    /** Friday 2026-11-27 09:00 in Beijing. */
    static final Instant START = Instant.parse("2026-11-27T01:00:00Z");

    final LocalAws aws;
    final SnsStub requests;
    final ProviderStubs providers;
    final MutableClock clock = new MutableClock(START);
    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    final String adminEmail = "li.na@" + tenant + ".example";
    final String adminPhone;
    final HttpApiFunction submission;
    final HttpApiFunction api;
    final NotificationDispatcherHandler dispatcher;

    DispatchFixture(LocalAws aws, SnsStub requests, ProviderStubs providers) {
        this.aws = aws;
        this.requests = requests;
        this.providers = providers;
        this.adminPhone = "+86139" + String.format("%08d", Math.floorMod(tenant.hashCode(), 100_000_000));
        this.submission = Handlers.http(aws, "CaseSubmissionFunction", clock, requests.environment());
        this.api = Handlers.http(aws, "CaseApiFunction", clock, requests.environment());
        this.dispatcher = dispatcher(providers.snsEnvironment());
        new OrganizationRepository(dynamo(), table("OrganizationsTable"))
                .save(new Organization(
                        tenant,
                        "Contoso " + tenant,
                        "CN",
                        SupportPlan.ADVANCED,
                        Language.EN,
                        new RegisteredContacts(List.of("it-" + tenant + "@contoso.example"), List.of(adminPhone)),
                        null,
                        1,
                        START,
                        "operator-1"));
    }

    /** Another instance of the dispatcher function on the same tables and clock. */
    NotificationDispatcherHandler dispatcher(Map<String, String> env) {
        return NotificationDispatch.handler(aws, clock, env);
    }

    DynamoDbClient dynamo() {
        return aws.emulators().dynamoDbClient();
    }

    String table(String logicalId) {
        return aws.emulators().tableNames().get(logicalId);
    }

    DeliveryRecords deliveries() {
        return new DeliveryRecords(dynamo(), table("DeliveriesTable"));
    }

    SupportCase storedCase(String caseId) {
        return new CaseRepository(dynamo(), table("CasesTable"), new CaseSla(SlaPolicies.defaults()))
                .find(caseId)
                .orElseThrow()
                .supportCase();
    }

    /** Delivery records of one notification (a test-only scan: the dispatcher never scans). */
    List<Map<String, AttributeValue>> deliveryItems(String notificationId) {
        return dynamo().scan(b -> b.tableName(table("DeliveriesTable"))
                        .filterExpression("notificationId = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(notificationId))))
                .items();
    }

    // ------------------------------------------------------------ cases and their requests

    /** Opens a severity A Exchange Online case as the admin, contact by email in English, then {@code change}s the body. */
    String openCase(Consumer<ObjectNode> change) {
        ObjectNode event = sampleEvent("cases-submit.json");
        event.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims")
                .put("tenant_id", tenant);
        event.withObject("headers").put("idempotency-key", UUID.randomUUID().toString());
        ObjectNode body = parse(event.get("body").asText());
        body.withObject("contact").put("email", adminEmail).put("phone", adminPhone);
        change.accept(body);
        event.put("body", body.toString());
        HttpResult created = invoke(submission, event);
        if (created.status() != 201) {
            throw new AssertionError("case not opened: " + created);
        }
        return created.json().path("caseId").asText();
    }

    String openCase() {
        return openCase(body -> {});
    }

    /** An agent responds on the case. */
    void respond(String caseId, String message) {
        ObjectNode event = sampleEvent("cases-respond.json");
        event.withObject("pathParameters").put("caseId", caseId);
        String path = "/cases/" + caseId + "/responses";
        event.put("rawPath", path);
        event.withObject("requestContext").withObject("http").put("path", path);
        event.put(
                "body",
                Json.MAPPER
                        .createObjectNode()
                        .put("message", message)
                        .put("status", "AWAITING_CUSTOMER")
                        .toString());
        HttpResult responded = invoke(api, event);
        if (responded.status() != 200) {
            throw new AssertionError("response not recorded: " + responded);
        }
    }

    /** The requests the case functions published about one case, as message JSON, oldest first. */
    List<String> requestsAbout(String caseId) {
        return requests.publishedFor(caseId).stream()
                .map(p -> p.form().get("Message"))
                .toList();
    }

    String requestAbout(String caseId, String type) {
        return requests.publishedFor(caseId).stream()
                .filter(p -> p.message().path("type").asText().equals(type))
                .map(p -> p.form().get("Message"))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + type + " request about " + caseId));
    }

    // ------------------------------------------------------------ dispatching and what came of it

    List<String> deliver(String... bodies) {
        return NotificationDispatch.deliver(dispatcher, List.of(bodies));
    }

    List<JsonNode> mailsTo(String address) {
        return SesMailbox.mailsTo(aws, address);
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
