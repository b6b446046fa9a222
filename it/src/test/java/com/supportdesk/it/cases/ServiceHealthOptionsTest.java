package com.supportdesk.it.cases;

import static com.supportdesk.it.cases.CaseFixtures.asAdmin;
import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.model.ServiceName;
import com.supportdesk.servicehealth.Incident;
import com.supportdesk.servicehealth.IncidentRepository;
import com.supportdesk.servicehealth.IncidentStatus;
import com.supportdesk.servicehealth.IncidentUpdate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code serviceHealth} of the support options: active and recently resolved incidents with their latest update. */
class ServiceHealthOptionsTest extends CaseHandlersTest {
    private static final Instant NOW = Instant.parse("2032-04-20T02:00:00Z");

    private Incident save(ServiceName service, Instant startedAt, Instant resolvedAt, String... messages) {
        IncidentStatus status = resolvedAt == null ? IncidentStatus.ACTIVE : IncidentStatus.RESOLVED;
        List<IncidentUpdate> updates = new java.util.ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            updates.add(new IncidentUpdate(startedAt.plusSeconds(600L * (i + 1)), status, messages[i], "operator-1"));
        }
        Incident incident = new Incident(
                "INC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                service,
                "Incident " + messages.length,
                null,
                status,
                startedAt,
                resolvedAt,
                1,
                startedAt,
                "operator-1",
                updates);
        new IncidentRepository(fixtures.dynamo, fixtures.table("IncidentsTable")).save(incident);
        return incident;
    }

    @Test
    void theOptionsForAServiceShowItsActiveAndRecentlyResolvedIncidentsWithTheLatestUpdate() {
        clock.set(NOW);
        Incident active = save(ServiceName.IDENTITY, NOW.minusSeconds(7200), null, "Investigating", "Mitigating");
        Incident recent =
                save(ServiceName.IDENTITY, NOW.minusSeconds(86_400 * 3), NOW.minusSeconds(86_400 * 2), "Fixed");
        Incident old =
                save(ServiceName.IDENTITY, NOW.minusSeconds(86_400 * 40), NOW.minusSeconds(86_400 * 35), "Long ago");
        Incident other = save(ServiceName.M365_APPS, NOW.minusSeconds(86_400), NOW.minusSeconds(3600), "Other");

        ObjectNode event = asAdmin(sampleEvent("support-options.json"), tenant);
        event.withObject("queryStringParameters").put("service", "IDENTITY");
        HttpResult result = invoke(submission, event);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode health = result.json().path("serviceHealth");
        assertThat(health.path("historyDays").asInt()).isEqualTo(30);
        assertThat(health.path("active").findValuesAsText("incidentId")).contains(active.incidentId());
        JsonNode shown = health.path("active")
                .get(health.path("active").findValuesAsText("incidentId").indexOf(active.incidentId()));
        assertThat(shown.path("latestUpdate").path("message").asText()).isEqualTo("Mitigating");
        assertThat(shown.has("updates")).as("only the latest update").isFalse();

        List<String> resolved = health.path("recentlyResolved").findValuesAsText("incidentId");
        assertThat(resolved).contains(recent.incidentId()).doesNotContain(old.incidentId(), other.incidentId());
        assertThat(health.path("recentlyResolved")
                        .get(resolved.indexOf(recent.incidentId()))
                        .path("latestUpdate")
                        .path("status")
                        .asText())
                .isEqualTo("RESOLVED");
        // the existing list is unchanged: active incidents of the service
        assertThat(result.json().path("incidents").findValuesAsText("incidentId"))
                .contains(active.incidentId())
                .doesNotContain(recent.incidentId());
    }
}
