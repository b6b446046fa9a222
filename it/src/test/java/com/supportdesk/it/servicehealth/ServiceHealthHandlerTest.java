package com.supportdesk.it.servicehealth;

import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service-health function, driven by events/service-health-*.json, against dynalite. */
@ExtendWith(LocalAwsExtension.class)
class ServiceHealthHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-27T01:00:00Z");
    private HttpApiFunction handler;

    @BeforeEach
    void setUp(LocalAws aws) {
        handler = Handlers.http(aws, "ServiceHealthFunction", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private HttpResult open(String service, String title) {
        ObjectNode event = sampleEvent("service-health-incident-create.json");
        event.put("body", "{\"service\":\"" + service + "\",\"title\":\"" + title + "\"}");
        return invoke(handler, event);
    }

    private HttpResult list(String service, String groups) {
        ObjectNode event = sampleEvent("service-health-list.json");
        event.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims")
                .put("groups", groups);
        if (service == null) {
            event.remove("queryStringParameters");
            event.put("rawQueryString", "");
        } else {
            event.withObject("queryStringParameters").put("service", service);
        }
        return invoke(handler, event);
    }

    private HttpResult patch(String id, String body) {
        ObjectNode event = sampleEvent("service-health-incident-update.json");
        event.withObject("pathParameters").put("incidentId", id);
        event.put("body", body);
        return invoke(handler, event);
    }

    private static List<String> titles(HttpResult result) {
        List<String> titles = new ArrayList<>();
        result.json().path("incidents").forEach(i -> titles.add(i.path("title").asText()));
        return titles;
    }

    @Test
    void sampleEventOpensAnIncidentThatAdminsSeeUntilItIsResolved() {
        HttpResult created = invoke(handler, sampleEvent("service-health-incident-create.json"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode incident = created.json();
        String id = incident.path("incidentId").asText();
        assertThat(id).matches("INC-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat(incident.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(incident.path("startedAt").asText()).isEqualTo(NOW.toString());

        assertThat(list("EXCHANGE_ONLINE", "[admin]").json().path("incidents").findValuesAsText("incidentId"))
                .contains(id);

        HttpResult resolved = patch(id, "{\"version\":1,\"status\":\"RESOLVED\"}");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().path("resolvedAt").asText()).isEqualTo(NOW.toString());
        assertThat(list("EXCHANGE_ONLINE", "[admin]").json().path("incidents").findValuesAsText("incidentId"))
                .doesNotContain(id);
    }

    @Test
    void theServiceFilterReturnsOnlyThatServicesIncidents() {
        String marker = UUID.randomUUID().toString();
        open("SHAREPOINT_ONLINE", "SharePoint " + marker);
        open("IDENTITY", "Directory sync " + marker);
        assertThat(titles(list("SHAREPOINT_ONLINE", "[admin]")))
                .contains("SharePoint " + marker)
                .doesNotContain("Directory sync " + marker);
        assertThat(titles(list(null, "[agent]"))).contains("SharePoint " + marker, "Directory sync " + marker);
    }

    @Test
    void onlyOperatorsWriteAndUsersDoNotRead() {
        ObjectNode event = sampleEvent("service-health-incident-create.json");
        event.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims")
                .put("groups", "[admin]")
                .put("tenant_id", "contoso");
        assertThat(invoke(handler, event).status()).isEqualTo(403);
        assertThat(list(null, "[user]").status()).isEqualTo(403);
    }

    @Test
    void aStaleVersionIsAConflictAndAnUnknownIncidentIs404() {
        String id =
                open("M365_APPS", "Activation errors").json().path("incidentId").asText();
        assertThat(patch(id, "{\"version\":1,\"title\":\"Activation errors in Word\"}")
                        .status())
                .isEqualTo(200);
        HttpResult stale = patch(id, "{\"version\":1,\"status\":\"RESOLVED\"}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("VERSION_CONFLICT");
        assertThat(patch("INC-NONE-NONE", "{\"version\":1,\"status\":\"RESOLVED\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        HttpResult unknownService = list("LOTUS_NOTES", "[admin]");
        assertThat(unknownService.status()).isEqualTo(400);
        assertThat(unknownService.json().path("error").path("message").asText()).contains("service");

        HttpResult badEnum = open("LOTUS_NOTES", "x");
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.json().path("error").path("message").asText()).contains("service");

        String id =
                open("IDENTITY", "SSO sign-in loops").json().path("incidentId").asText();
        HttpResult nothing = patch(id, "{\"version\":1}");
        assertThat(nothing.status()).isEqualTo(400);
        HttpResult early = patch(id, "{\"version\":1,\"status\":\"RESOLVED\",\"resolvedAt\":\"2020-01-01T00:00:00Z\"}");
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.json().path("error").path("message").asText()).contains("resolvedAt");
    }
}
