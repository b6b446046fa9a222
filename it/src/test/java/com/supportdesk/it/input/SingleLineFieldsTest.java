package com.supportdesk.it.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.ApiEvent;
import com.supportdesk.it.support.Claims;
import com.supportdesk.it.support.Desk;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Titles and names are single lines: they end up in email subjects and list rows, where a line break (CR,
 * LF, NEL, LINE and PARAGRAPH SEPARATOR) or another control character could forge headers or reorder the
 * text. Descriptions and messages keep their line breaks.
 */
@ExtendWith(LocalAwsExtension.class)
class SingleLineFieldsTest {
    private static final List<String> BREAKS =
            List.of("\r\nBcc: attacker@evil.example", "\n", "\r", "\u0085", "\u2028", "\u2029", "\u0007", "\u202e");

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

    @Test
    void aCaseTitleOrContactNameWithALineBreakIsRefused() {
        for (String br : BREAKS) {
            ObjectNode title = caseBody();
            title.put("title", "Mail down" + br + "urgent");
            assertRefused(submit(title), "title");
            ObjectNode name = caseBody();
            ((ObjectNode) name.get("contact")).put("name", "Wang" + br + "Fang");
            assertRefused(submit(name), "contact.name");
        }
    }

    @Test
    void anOrganisationOrPartnerNameWithALineBreakIsRefused() {
        for (String br : BREAKS) {
            ObjectNode profile = ApiEvent.of("PUT /orgs/{tenantId}").sampleBody();
            profile.put("name", "Contoso" + br + "Ltd");
            assertRefused(putOrganization(Desk.newTenant(), profile), "name");
            ObjectNode partner = ApiEvent.of("PUT /orgs/{tenantId}").sampleBody();
            ((ObjectNode) partner.get("partner")).put("name", "Northwind" + br + "Partners");
            assertRefused(putOrganization(Desk.newTenant(), partner), "partner.name");
        }
    }

    @Test
    void anIncidentTitleWithALineBreakIsRefused() {
        for (String br : BREAKS) {
            ObjectNode incident = ApiEvent.of("POST /service-health/incidents").sampleBody();
            incident.put("title", "Delays" + br + "sending mail");
            assertRefused(
                    desk.call(ApiEvent.of("POST /service-health/incidents")
                            .claims(Claims.operator())
                            .body(incident)),
                    "title");
        }
    }

    @Test
    void descriptionsAndMessagesKeepTheirLineBreaks() {
        ObjectNode body = caseBody();
        body.put("description", "Step one\r\nStep two\nStep three\u2028done");
        HttpResult created = submit(body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String caseId = created.json().path("caseId").asText();
        HttpResult reply = desk.call(ApiEvent.of("POST /cases/{caseId}/replies")
                .claims(Claims.admin(tenant))
                .path("caseId", caseId)
                .body("{\"message\": \"First line\\nSecond line\"}"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private HttpResult putOrganization(String id, ObjectNode body) {
        return desk.call(ApiEvent.of("PUT /orgs/{tenantId}")
                .claims(Claims.operator())
                .path("tenantId", id)
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

    private static void assertRefused(HttpResult result, String field) {
        assertThat(result.status()).as(result.toString()).isEqualTo(400);
        assertThat(result.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(result.json().path("error").path("message").asText()).contains("'" + field + "'");
    }
}
