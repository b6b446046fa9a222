package com.supportdesk.it.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import com.supportdesk.it.support.Desk;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies are read only as the contract types them: an enum is one of its documented names (never a
 * position: {@code "severity": 0} once opened a severity-A case), a string field takes only a JSON string
 * (a title of {@code 123} once became "123"), and a value its type refuses names its field (a language
 * {@code "fr"} once answered "invalid JSON").
 */
@ExtendWith(LocalAwsExtension.class)
class StrictJsonInputTest {
    private Desk desk;
    private String tenant;

    @BeforeEach
    void setUp(LocalAws aws) {
        desk = new Desk(aws);
        tenant = Desk.newTenant();
        desk.organization(tenant);
    }

    @AfterEach
    void tearDown() {
        desk.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"severity", "category", "service", "contact.preferredMethod"})
    void aCaseEnumGivenAsANumberIsRefusedNamingTheField(String field) {
        for (int position : new int[] {0, 1}) {
            ObjectNode body = caseBody();
            set(body, field, IntNode.valueOf(position));
            assertRefused(submit(body), "INVALID_VALUE", field);
        }
    }

    @Test
    void anIncidentServiceGivenAsANumberIsRefused() {
        ObjectNode body = ApiEvent.of("POST /service-health/incidents").sampleBody();
        body.put("service", 0);
        assertRefused(
                desk.call(ApiEvent.of("POST /service-health/incidents")
                        .claims(Claims.operator())
                        .body(body)),
                "INVALID_VALUE",
                "service");
    }

    @Test
    void aStringFieldTakesOnlyAJsonString() {
        ObjectNode numericTitle = caseBody();
        numericTitle.put("title", 123);
        assertRefused(submit(numericTitle), "INVALID_VALUE", "title");
        ObjectNode booleanName = caseBody();
        ((ObjectNode) booleanName.get("contact")).put("name", true);
        assertRefused(submit(booleanName), "INVALID_VALUE", "contact.name");

        String caseId = desk.openCase(tenant);
        HttpResult reply = desk.call(ApiEvent.of("POST /cases/{caseId}/replies")
                .claims(Claims.admin(tenant))
                .path("caseId", caseId)
                .body("{\"message\": 5}"));
        assertRefused(reply, "INVALID_VALUE", "message");
        HttpResult response = desk.call(ApiEvent.of("POST /cases/{caseId}/responses")
                .claims(Claims.agent("agent-1"))
                .path("caseId", caseId)
                .body("{\"message\": false}"));
        assertRefused(response, "INVALID_VALUE", "message");
    }

    @Test
    void anUnknownLanguageOrAnOutOfRangeVersionNamesItsField() {
        ObjectNode french = caseBody();
        ((ObjectNode) french.get("contact")).put("language", "fr");
        assertRefused(submit(french), "INVALID_VALUE", "contact.language");

        ObjectNode profile = ApiEvent.of("PUT /orgs/{tenantId}").sampleBody();
        profile.put("language", "fr");
        assertRefused(putOrganization(profile.toString()), "INVALID_VALUE", "language");
        ObjectNode versioned = ApiEvent.of("PUT /orgs/{tenantId}").sampleBody();
        String huge =
                versioned.put("version", 1).toString().replace("\"version\":1", "\"version\":99999999999999999999");
        assertRefused(putOrganization(huge), "INVALID_VALUE", "version");
    }

    private HttpResult putOrganization(String body) {
        return desk.call(ApiEvent.of("PUT /orgs/{tenantId}")
                .claims(Claims.operator())
                .path("tenantId", tenant)
                .body(body));
    }

    private ObjectNode caseBody() {
        ObjectNode body = ApiEvent.of("POST /cases").sampleBody();
        body.put("severity", "B");
        body.remove("businessImpact");
        return body;
    }

    private HttpResult submit(ObjectNode body) {
        return desk.call(ApiEvent.of("POST /cases")
                .claims(Claims.admin(tenant))
                .header("idempotency-key", null)
                .body(body));
    }

    private static void set(ObjectNode body, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.");
        ObjectNode target = body;
        for (int i = 0; i < parts.length - 1; i++) {
            target = (ObjectNode) target.get(parts[i]);
        }
        target.set(parts[parts.length - 1], value);
    }

    private static void assertRefused(HttpResult result, String code, String field) {
        assertThat(result.status()).as(result.toString()).isEqualTo(400);
        assertThat(result.errorCode()).as(result.toString()).isEqualTo(code);
        assertThat(result.json().path("error").path("message").asText())
                .contains("'" + field + "'")
                .doesNotContain("com.", "Exception");
    }
}
