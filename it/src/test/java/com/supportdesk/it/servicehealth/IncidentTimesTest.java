package com.supportdesk.it.servicehealth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An incident's times lie in a sane window: not before 2000 and at most a day ahead of now (a start in
 * 2099 once made an incident ACTIVE for every case linked to it for 73 years).
 */
@ExtendWith(LocalAwsExtension.class)
class IncidentTimesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T01:00:00Z");
    private HttpApiFunction handler;

    @BeforeEach
    void setUp(LocalAws aws) {
        handler = Handlers.http(aws, "ServiceHealthFunction", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"2099-01-01T00:00:00Z", "2026-11-28T01:00:01Z", "1999-12-31T23:59:59Z", "1970-01-01T00:00:00Z"})
    void aStartOutsideTheWindowIsRefusedNamingTheField(String startedAt) {
        HttpResult result = open(startedAt);
        assertThat(result.status()).as(result.toString()).isEqualTo(400);
        assertThat(result.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(result.json().path("error").path("message").asText()).contains("'startedAt'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-28T01:00:00Z", "2026-11-27T00:00:00Z", "2000-01-01T00:00:00Z"})
    void aStartInsideTheWindowIsKept(String startedAt) {
        HttpResult result = open(startedAt);
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        assertThat(result.json().path("startedAt").asText()).isEqualTo(startedAt);
    }

    @Test
    void aResolutionFarInTheFutureIsRefused() {
        HttpResult opened = open("2026-11-27T00:00:00Z");
        String id = opened.json().path("incidentId").asText();
        for (Instant resolvedAt : new Instant[] {NOW.plus(Duration.ofDays(2)), Instant.parse("2099-01-01T00:00:00Z")}) {
            HttpResult result = Handlers.invoke(
                    handler,
                    ApiEvent.of("PATCH /service-health/incidents/{incidentId}")
                            .claims(Claims.operator())
                            .path("incidentId", id)
                            .body("{\"version\":1,\"status\":\"RESOLVED\",\"resolvedAt\":\"" + resolvedAt + "\"}")
                            .json());
            assertThat(result.status()).as(result.toString()).isEqualTo(400);
            assertThat(result.json().path("error").path("message").asText()).contains("'resolvedAt'");
        }
    }

    private HttpResult open(String startedAt) {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("service", "EXCHANGE_ONLINE")
                .put("title", "Delays sending mail")
                .put("startedAt", startedAt);
        return Handlers.invoke(
                handler,
                ApiEvent.of("POST /service-health/incidents")
                        .claims(Claims.operator())
                        .body(body)
                        .json());
    }
}
