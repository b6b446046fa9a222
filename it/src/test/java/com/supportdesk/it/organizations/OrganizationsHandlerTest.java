package com.supportdesk.it.organizations;

import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.support.Handlers.sampleEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.api.Json;
import com.supportdesk.it.support.Concurrently;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The organisations function, driven by events/orgs-*.json, against DynamoDB in dynalite. */
@ExtendWith(LocalAwsExtension.class)
class OrganizationsHandlerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T01:00:00Z"), ZoneOffset.UTC);
    private HttpApiFunction handler;
    private String tenant;

    @BeforeEach
    void setUp(LocalAws aws) {
        handler = Handlers.http(aws, "OrganizationsFunction", CLOCK);
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ObjectNode put(String tenantId) {
        ObjectNode event = sampleEvent("orgs-put.json");
        event.withObject("pathParameters").put("tenantId", tenantId);
        event.put("rawPath", "/orgs/" + tenantId);
        return event;
    }

    private ObjectNode get(String tenantId, String callerTenant, String groups) {
        ObjectNode event = sampleEvent("orgs-get.json");
        event.withObject("pathParameters").put("tenantId", tenantId);
        ObjectNode claims = event.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims");
        claims.put("tenant_id", callerTenant);
        claims.put("groups", groups);
        return event;
    }

    private static ObjectNode body(ObjectNode event) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(event.get("body").asText());
    }

    private static ObjectNode withBody(ObjectNode event, ObjectNode body) {
        event.put("body", body.toString());
        return event;
    }

    @Test
    void sampleEventsCreateAProfileThatItsAdminCanRead() {
        HttpResult created = invoke(handler, put(tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.headers()).containsEntry("location", "/orgs/" + tenant);
        assertThat(created.json().path("version").asLong()).isEqualTo(1);

        HttpResult read = invoke(handler, get(tenant, tenant, "[admin]"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("name").asText()).isEqualTo("Contoso Sample Ltd");
        assertThat(read.json().path("contacts").path("phones").get(0).asText()).isEqualTo("+8613800138000");
        assertThat(read.json().path("partner").path("name").asText()).isEqualTo("Northwind Partners");
        assertThat(read.json().path("updatedBy").asText()).isEqualTo("operator-1");
    }

    @Test
    void anotherTenantsAdminIsToldTheProfileDoesNotExist() {
        invoke(handler, put(tenant));
        HttpResult read = invoke(handler, get(tenant, "someone-else", "[admin]"));
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.errorCode()).isEqualTo("NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[user]", "[agent]"})
    void onlyOperatorsAndTheTenantsAdminsReadProfiles(String groups) {
        invoke(handler, put(tenant));
        assertThat(invoke(handler, get(tenant, tenant, groups)).status()).isEqualTo(403);
    }

    @Test
    void adminsCannotWriteProfiles() throws Exception {
        ObjectNode event = put(tenant);
        ObjectNode claims = event.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims");
        claims.put("groups", "[admin]");
        claims.put("tenant_id", tenant);
        HttpResult result = invoke(handler, event);
        assertThat(result.status()).isEqualTo(403);
        assertThat(invoke(handler, get(tenant, tenant, "[admin]")).status()).isEqualTo(404);
    }

    @Test
    void missingClaimsAre401() {
        ObjectNode event = get(tenant, tenant, "[admin]");
        event.withObject("requestContext").remove("authorizer");
        HttpResult result = invoke(handler, event);
        assertThat(result.status()).isEqualTo(401);
        assertThat(result.errorCode()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void rolesAreReadFromApiGatewaysListFormOnly() {
        invoke(handler, put(tenant));
        assertThat(invoke(handler, get(tenant, tenant, "[user admin]")).status())
                .isEqualTo(200);
        // a JSON array inside the string is no form API Gateway sends: its members are no group names
        assertThat(invoke(handler, get(tenant, tenant, "[\"user\",\"admin\"]")).status())
                .isEqualTo(401);
    }

    @Test
    void updatesNeedTheCurrentVersionAndAStaleOneLosesNothing() throws Exception {
        invoke(handler, put(tenant));
        ObjectNode update = body(put(tenant));
        update.put("name", "Contoso Renamed");
        update.put("version", 1);
        HttpResult first = invoke(handler, withBody(put(tenant), update));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("version").asLong()).isEqualTo(2);

        update.put("name", "Lost Update");
        HttpResult stale = invoke(handler, withBody(put(tenant), update));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("VERSION_CONFLICT");
        assertThat(invoke(handler, get(tenant, tenant, "[admin]"))
                        .json()
                        .path("name")
                        .asText())
                .isEqualTo("Contoso Renamed");

        HttpResult recreate = invoke(handler, put(tenant));
        assertThat(recreate.status()).isEqualTo(409);
        assertThat(recreate.errorCode()).isEqualTo("ALREADY_EXISTS");
    }

    @Test
    void concurrentUpdatesOfTheSameVersionLetExactlyOneWin() throws Exception {
        invoke(handler, put(tenant));
        int writers = 8;
        List<ObjectNode> updates = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            ObjectNode update = body(put(tenant));
            update.put("name", "Writer " + i);
            update.put("version", 1);
            updates.add(withBody(put(tenant), update));
        }
        List<Integer> statuses = Concurrently.invokeAll(handler, updates).stream()
                .map(HttpResult::status)
                .toList();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(writers - 1);
        String winner = invoke(handler, get(tenant, tenant, "[admin]"))
                .json()
                .path("name")
                .asText();
        assertThat(winner).startsWith("Writer ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"x\",\"country\":\"XX\",\"supportPlan\":\"STANDARD\",\"contacts\":{\"emails\":[\"a@b.cn\"]}}",
                "{\"name\":\"x\",\"country\":\"CN\",\"supportPlan\":\"GOLD\",\"contacts\":{\"emails\":[\"a@b.cn\"]}}",
                "{\"name\":\"x\",\"country\":\"CN\",\"supportPlan\":\"STANDARD\",\"contacts\":{\"phones\":[\"13800138000\"]}}",
                "{\"name\":\"x\",\"country\":\"CN\",\"supportPlan\":\"STANDARD\",\"contacts\":{\"emails\":[\"not-an-email\"]}}",
                "{\"name\":\"x\",\"country\":\"CN\",\"supportPlan\":\"STANDARD\",\"contacts\":{}}",
                "{\"name\":\"x\",\"country\":\"CN\",\"supportPlan\":\"STANDARD\",\"contacts\":{\"emails\":[\"a@b.cn\"]},\"role\":\"admin\"}",
                "{\"name\":\"\",\"country\":\"CN\",\"supportPlan\":\"STANDARD\",\"contacts\":{\"emails\":[\"a@b.cn\"]}}",
                "{\"name\":\"x\",\"country\":\"CN\",\"supportPlan\":\"STANDARD\",\"language\":\"fr\",\"contacts\":{\"emails\":[\"a@b.cn\"]}}",
                "{\"name\":\"x\",\"country\":\"CN\",\"supportPlan\":\"STANDARD\",\"contacts\":{\"emails\":[\"a@b.cn\"]},\"version\":0}",
                "{\"name\":\"x\"",
                "[]",
                "\"text\"",
            })
    void badProfilesAreRefusedWithAJsonErrorAndNothingIsWritten(String json) {
        ObjectNode event = put(tenant);
        event.put("body", json);
        HttpResult result = invoke(handler, event);
        assertThat(result.status()).as(result.toString()).isEqualTo(400);
        assertThat(result.json().path("error").path("message").asText())
                .isNotBlank()
                .doesNotContain("Exception");
        assertThat(invoke(handler, get(tenant, tenant, "[admin]")).status()).isEqualTo(404);
    }

    @Test
    void wrongContentTypeOversizedAndEmptyBodiesAre4xx() {
        ObjectNode textPlain = put(tenant);
        textPlain.withObject("headers").put("content-type", "text/plain");
        assertThat(invoke(handler, textPlain).status()).isEqualTo(415);

        ObjectNode huge = put(tenant);
        huge.put("body", "{\"name\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(invoke(handler, huge).status()).isEqualTo(413);

        ObjectNode empty = put(tenant);
        empty.remove("body");
        HttpResult result = invoke(handler, empty);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.errorCode()).isEqualTo("EMPTY_BODY");
    }

    @Test
    void base64BodiesAreDecoded() {
        ObjectNode event = put(tenant);
        event.put(
                "body",
                java.util.Base64.getEncoder()
                        .encodeToString(event.get("body").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        assertThat(invoke(handler, event).status()).isEqualTo(201);
    }
}
