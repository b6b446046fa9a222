package com.supportdesk.it.servicehealth;

import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.MutableClock;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Incident timelines and the resolved history: updates appended by PATCH, resolved incidents listed newest
 * first for INCIDENT_HISTORY_DAYS and paged. The tests run in 2031, away from every other test's incidents,
 * because the history is one list for the whole desk.
 */
@ExtendWith(LocalAwsExtension.class)
class IncidentHistoryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2031-01-06T01:00:00Z"));
    private HttpApiFunction handler;

    @BeforeEach
    void setUp(LocalAws aws) {
        handler = Handlers.http(aws, "ServiceHealthFunction", clock);
    }

    private JsonNode open(String service, String title) {
        ObjectNode event = sampleEvent("service-health-incident-create.json");
        event.put("body", "{\"service\":\"" + service + "\",\"title\":\"" + title + "\"}");
        HttpResult result = invoke(handler, event);
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        return result.json();
    }

    private HttpResult patch(String id, String body) {
        ObjectNode event = sampleEvent("service-health-incident-update.json");
        event.withObject("pathParameters").put("incidentId", id);
        event.put("body", body);
        return invoke(handler, event);
    }

    private JsonNode resolve(String id, long version) {
        HttpResult result = patch(
                id, "{\"version\":" + version + ",\"status\":\"RESOLVED\",\"message\":\"Fixed; mail flows again.\"}");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }

    private HttpResult history(Map<String, String> query) {
        ObjectNode event = sampleEvent("service-health-list.json");
        event.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims")
                .put("groups", "[admin]");
        ObjectNode q = event.putObject("queryStringParameters");
        q.put("state", "RESOLVED");
        query.forEach(q::put);
        return invoke(handler, event);
    }

    private static List<String> ids(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        result.json()
                .path("incidents")
                .forEach(i -> ids.add(i.path("incidentId").asText()));
        return ids;
    }

    @Test
    void aMessageAppendsAnUpdateWithItsTimeAndTheStatusItLeaves() {
        String id = open("EXCHANGE_ONLINE", "Mail delays").path("incidentId").asText();
        clock.advance(Duration.ofMinutes(20));
        HttpResult first = patch(id, "{\"version\":1,\"message\":\"We are rerouting traffic.\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("status").asText()).isEqualTo("ACTIVE");
        clock.advance(Duration.ofMinutes(40));
        JsonNode resolved = resolve(id, 2);

        JsonNode updates = resolved.path("updates");
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).path("at").asText()).isEqualTo("2031-01-06T01:20:00Z");
        assertThat(updates.get(0).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(updates.get(0).path("message").asText()).isEqualTo("We are rerouting traffic.");
        assertThat(updates.get(0).path("by").asText()).isEqualTo("operator-1");
        assertThat(updates.get(1).path("status").asText()).isEqualTo("RESOLVED");
        assertThat(updates.get(1).path("at").asText()).isEqualTo("2031-01-06T02:00:00Z");
        assertThat(resolved.path("resolvedAt").asText()).isEqualTo("2031-01-06T02:00:00Z");

        HttpResult empty = patch(id, "{\"version\":3}");
        assertThat(empty.status()).isEqualTo(400);
    }

    @Test
    void resolvedIncidentsAreListedNewestFirstInPagesForTheHistoryPeriodOnly() {
        clock.set(Instant.parse("2031-05-04T00:00:00Z"));
        List<String> resolvedInOrder = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = open("SHAREPOINT_ONLINE", "Search outage " + i)
                    .path("incidentId")
                    .asText();
            clock.advance(Duration.ofHours(1));
            resolve(id, 1);
            resolvedInOrder.add(0, id); // newest first
        }
        String teams = open("SKYPE_FOR_BUSINESS_ONLINE", "Calls drop")
                .path("incidentId")
                .asText();
        clock.advance(Duration.ofHours(1));
        resolve(teams, 1);
        String stillActive =
                open("SHAREPOINT_ONLINE", "Still broken").path("incidentId").asText();

        HttpResult page1 = history(Map.of("service", "SHAREPOINT_ONLINE", "limit", "2"));
        List<String> seen = new ArrayList<>(ids(page1));
        String token = page1.json().path("nextToken").asText(null);
        assertThat(page1.json().path("historyDays").asInt()).isEqualTo(30);
        while (token != null) {
            HttpResult next = history(Map.of("service", "SHAREPOINT_ONLINE", "limit", "2", "nextToken", token));
            seen.addAll(ids(next));
            token = next.json().path("nextToken").asText(null);
        }
        assertThat(seen).isEqualTo(resolvedInOrder).doesNotContain(stillActive, teams);
        assertThat(ids(history(Map.of()))).startsWith(teams).containsAll(resolvedInOrder);

        // 30 days after the first resolution it drops out; the others are still inside the period
        clock.set(Instant.parse("2031-06-03T01:30:00Z"));
        assertThat(ids(history(Map.of("service", "SHAREPOINT_ONLINE")))).isEqualTo(resolvedInOrder.subList(0, 2));
        clock.set(Instant.parse("2031-06-10T00:00:00Z"));
        assertThat(ids(history(Map.of("service", "SHAREPOINT_ONLINE")))).isEmpty();

        assertThat(history(Map.of("nextToken", "not-a-token")).errorCode()).isEqualTo("INVALID_NEXT_TOKEN");
        assertThat(history(Map.of("limit", "0")).status()).isEqualTo(400);
    }

    @Test
    void historyTokensAreSealedSoAnEditedOrHandWrittenOneIsRefused() {
        clock.set(Instant.parse("2031-08-04T00:00:00Z"));
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = open("EXCHANGE_ONLINE", "Mail delay " + i)
                    .path("incidentId")
                    .asText();
            clock.advance(Duration.ofHours(1));
            Instant resolvedAt = Instant.parse(resolve(id, 1).path("resolvedAt").asText());
            resolved.add(
                    0,
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                                    .withZone(java.time.ZoneOffset.UTC)
                                    .format(resolvedAt)
                            + "#" + id);
        }
        Map<String, String> query = Map.of("service", "EXCHANGE_ONLINE", "limit", "1");
        HttpResult first = history(query);
        String token = first.json().path("nextToken").asText();
        String decoded = new String(
                java.util.Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1)),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        String lastId = ids(first).get(0);
        assertThat(token).as("opaque").doesNotContain(lastId);
        assertThat(decoded).as("opaque").doesNotContain(lastId).doesNotContain("resolvedKey");

        Map<String, String> next = new java.util.HashMap<>(query);
        next.put("nextToken", token);
        assertThat(ids(history(next))).hasSize(1).doesNotContain(lastId);

        // the position a client would write itself, in the format tokens once had: refused
        String handWritten = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"v\":1,\"k\":\"" + resolved.get(2) + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        next.put("nextToken", handWritten);
        HttpResult forged = history(next);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.errorCode()).isEqualTo("INVALID_NEXT_TOKEN");

        // every one-character edit of a real token: refused
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            char replacement =
                    alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 1 + alphabet.length()) % alphabet.length());
            String edited = token.substring(0, i) + replacement + token.substring(i + 1);
            next.put("nextToken", edited);
            HttpResult answer = history(next);
            assertThat(answer.status()).as("edit at %d", i).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("INVALID_NEXT_TOKEN");
        }
    }

    @Test
    void reopeningAnIncidentTakesItOutOfTheHistory() {
        clock.set(Instant.parse("2031-09-01T00:00:00Z"));
        String id = open("M365_APPS", "Enrolment fails").path("incidentId").asText();
        clock.advance(Duration.ofHours(2));
        resolve(id, 1);
        assertThat(ids(history(Map.of("service", "M365_APPS")))).containsExactly(id);
        HttpResult reopened = patch(id, "{\"version\":2,\"status\":\"ACTIVE\",\"message\":\"It is back.\"}");
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        assertThat(ids(history(Map.of("service", "M365_APPS")))).isEmpty();
    }
}
