package com.supportdesk.it.cases;

import static com.supportdesk.it.support.Handlers.sampleEvent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Language;
import com.supportdesk.model.ServiceName;
import com.supportdesk.model.SupportPlan;
import com.supportdesk.organizations.Organization;
import com.supportdesk.organizations.OrganizationRepository;
import com.supportdesk.organizations.Partner;
import com.supportdesk.organizations.RegisteredContacts;
import com.supportdesk.servicehealth.Incident;
import com.supportdesk.servicehealth.IncidentRepository;
import com.supportdesk.servicehealth.IncidentStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Organisations, incidents and request events for the case tests, built from the sample events. */
final class CaseFixtures {
    final DynamoDbClient dynamo;
    final LocalAws aws;

    CaseFixtures(LocalAws aws) {
        this.aws = aws;
        this.dynamo = aws.emulators().dynamoDbClient();
    }

    static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String table(String logicalId) {
        return aws.emulators().tableNames().get(logicalId);
    }

    /** An organisation profile written straight to its table. */
    void organization(String tenant, String country, SupportPlan plan, boolean partner) {
        new OrganizationRepository(dynamo, table("OrganizationsTable"))
                .save(new Organization(
                        tenant,
                        "Org " + tenant,
                        country,
                        plan,
                        Language.EN,
                        new RegisteredContacts(List.of("admin@" + tenant + ".example"), List.of("+8613800138000")),
                        partner
                                ? new Partner("Northwind Partners", "+8640008900365", "support@northwind.example")
                                : null,
                        1,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        "operator-1"));
    }

    Incident incident(ServiceName service, String title) {
        Incident incident = new Incident(
                "INC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                service,
                title,
                null,
                IncidentStatus.ACTIVE,
                Instant.parse("2026-11-27T00:30:00Z"),
                null,
                1,
                Instant.parse("2026-11-27T00:30:00Z"),
                "operator-1");
        new IncidentRepository(dynamo, table("IncidentsTable")).save(incident);
        return incident;
    }

    // ------------------------------------------------------------------ events

    static ObjectNode claims(ObjectNode event) {
        return event.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims");
    }

    static ObjectNode as(ObjectNode event, String sub, String tenant, String groups) {
        ObjectNode claims = claims(event);
        claims.put("sub", sub);
        if (tenant == null) {
            claims.remove("tenant_id");
        } else {
            claims.put("tenant_id", tenant);
        }
        claims.put("groups", groups);
        return event;
    }

    static ObjectNode asAdmin(ObjectNode event, String tenant) {
        return as(event, "admin-" + tenant, tenant, "[admin]");
    }

    static ObjectNode asAgent(ObjectNode event) {
        return as(event, "agent-li-1", null, "[agent]");
    }

    /** The sample submission body (severity A, Exchange Online). */
    static ObjectNode sampleBody() {
        try {
            return (ObjectNode) Json.MAPPER.readTree(
                    sampleEvent("cases-submit.json").get("body").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A severity B technical body with no third-party words. */
    static ObjectNode bodyB() {
        ObjectNode body = sampleBody();
        body.put("severity", "B");
        body.remove("businessImpact");
        return body;
    }

    static ObjectNode submit(String tenant, ObjectNode body, String idempotencyKey) {
        ObjectNode event = asAdmin(sampleEvent("cases-submit.json"), tenant);
        event.put("body", body.toString());
        ObjectNode headers = event.withObject("headers");
        if (idempotencyKey == null) {
            headers.remove("idempotency-key");
        } else {
            headers.put("idempotency-key", idempotencyKey);
        }
        return event;
    }

    static ObjectNode withCaseId(ObjectNode event, String caseId) {
        event.withObject("pathParameters").put("caseId", caseId);
        String path = event.get("rawPath").asText().replaceFirst("CS(-[0-9A-Z]{4}){3}", caseId);
        event.put("rawPath", path);
        event.withObject("requestContext").withObject("http").put("path", path);
        return event;
    }

    static ObjectNode get(String caseId) {
        return withCaseId(sampleEvent("cases-get.json"), caseId);
    }

    static ObjectNode respond(String caseId, String message, String status) {
        ObjectNode event = withCaseId(sampleEvent("cases-respond.json"), caseId);
        ObjectNode body = Json.MAPPER.createObjectNode().put("message", message);
        if (status != null) {
            body.put("status", status);
        }
        event.put("body", body.toString());
        return event;
    }

    static ObjectNode reply(String caseId, String tenant) {
        return asAdmin(withCaseId(sampleEvent("cases-reply.json"), caseId), tenant);
    }

    static ObjectNode patch(String caseId, ObjectNode body) {
        ObjectNode event = withCaseId(sampleEvent("cases-update.json"), caseId);
        if (body != null) {
            event.put("body", body.toString());
        }
        return event;
    }

    static ObjectNode list(java.util.Map<String, String> query) {
        ObjectNode event = sampleEvent("cases-list.json");
        ObjectNode q = event.putObject("queryStringParameters");
        query.forEach(q::put);
        event.put(
                "rawQueryString",
                String.join(
                        "&",
                        query.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .toList()));
        return event;
    }
}
