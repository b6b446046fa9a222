package com.supportdesk.it.verification;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A code vouches for a contact that is registered on the profile when the code is confirmed, not only
 * when it was sent: once an operator removes the contact, its code verifies nobody, and the agent gets the
 * same answer as for any other failure.
 */
@ExtendWith(LocalAwsExtension.class)
class RemovedContactTest {

    @Test
    void aCodeSentToAContactThatWasThenRemovedNoLongerVerifies(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        HttpResult unknown = f.confirm("VER-0000-0000-0000-0000", code);

        HttpApiFunction organizations = Handlers.http(aws, "OrganizationsFunction", f.clock);
        ObjectNode profile = Json.MAPPER
                .createObjectNode()
                .put("name", f.organization.name())
                .put("country", "CN")
                .put("supportPlan", "ADVANCED")
                .put("language", "en")
                .put("version", f.organization.version());
        profile.putObject("contacts").set("emails", Json.MAPPER.valueToTree(List.of(f.email2)));
        ((ObjectNode) profile.get("contacts")).set("phones", Json.MAPPER.valueToTree(List.of(f.phone)));
        HttpResult removed = Handlers.invoke(
                organizations,
                ApiEvent.of("PUT /orgs/{tenantId}")
                        .claims(Claims.operator())
                        .path("tenantId", f.tenant)
                        .body(profile)
                        .json());
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);

        HttpResult confirmed = f.confirm(id, code);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(422);
        assertThat(confirmed.errorCode()).isEqualTo("VERIFICATION_FAILED");
        assertThat(confirmed.body()).as("the same answer as any failure").isEqualTo(unknown.body());
        assertThat(f.grantsIssuedFor(id)).isZero();
    }
}
