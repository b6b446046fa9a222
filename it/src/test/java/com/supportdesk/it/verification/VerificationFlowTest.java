package com.supportdesk.it.verification;

import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.verification.VerificationFixture.AGENT;
import static com.supportdesk.it.verification.VerificationFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Language;
import com.supportdesk.verification.AccessGrant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The verification function driven by events/verifications-*.json, email through aws-ses-v2-local. */
@ExtendWith(LocalAwsExtension.class)
class VerificationFlowTest {

    @Test
    void sampleEventsDriveTheFunction(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        ObjectNode start = Handlers.sampleEvent("verifications-start.json");
        ObjectNode body = parse(start.get("body").asText());
        body.put("tenantId", f.tenant);
        start.put("body", body.toString());
        HttpResult started = invoke(f.handler, start);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String id = started.json().path("verificationId").asText();
        assertThat(started.headers()).containsEntry("location", "/verifications/" + id);

        ObjectNode confirm = Handlers.sampleEvent("verifications-confirm.json");
        confirm.withObject("pathParameters").put("verificationId", id);
        ObjectNode code = parse(confirm.get("body").asText());
        code.put("code", f.lastCodeMailedTo(f.email));
        confirm.put("body", code.toString());
        HttpResult confirmed = invoke(f.handler, confirm);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("VERIFIED");
    }

    @Test
    void aCallerOnARegisteredNumberIsVerifiedAtOnceWithAGrant(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        HttpResult result = f.start(Map.of("callerPhone", f.phone));
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        JsonNode json = result.json();
        assertThat(json.path("status").asText()).isEqualTo("VERIFIED");
        assertThat(json.path("method").asText()).isEqualTo("REGISTERED_NUMBER");
        JsonNode grant = json.path("grant");
        assertThat(grant.path("tenantId").asText()).isEqualTo(f.tenant);
        assertThat(grant.path("agentSubject").asText()).isEqualTo(AGENT);
        assertThat(grant.path("expiresAt").asText())
                .isEqualTo(START.plus(Duration.ofMinutes(30)).toString());
        assertThat(f.grants().valid(grant.path("grantId").asText(), AGENT, f.tenant, START.plusSeconds(60)))
                .isPresent();
        assertThat(f.mailsTo(f.email)).as("no code").isEmpty();
        f.deliverNotices();
        assertThat(f.mailsTo(f.email)).as("only the notice").hasSize(1);
    }

    @Test
    void anUnregisteredCallerGetsACodeMailedToARegisteredContactThatConfirmsOnce(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        HttpResult started = f.start();
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        JsonNode json = started.json();
        assertThat(json.path("status").asText()).isEqualTo("CODE_SENT");
        assertThat(json.path("channel").asText()).isEqualTo("EMAIL");
        assertThat(json.path("destination").asText()).isEqualTo("a***@contoso.example");
        assertThat(json.path("expiresAt").asText())
                .isEqualTo(START.plus(Duration.ofMinutes(10)).toString());
        assertThat(json.path("resendAvailableAt").asText())
                .isEqualTo(START.plusSeconds(60).toString());
        assertThat(json.path("contacts")).hasSize(3);
        assertThat(json.path("contacts").toString())
                .doesNotContain(f.email)
                .doesNotContain(f.phone)
                .contains("+86 *** **** " + f.phone.substring(f.phone.length() - 4));
        assertThat(json.has("grant")).isFalse();

        List<JsonNode> mails = f.mailsTo(f.email);
        assertThat(mails).hasSize(1);
        JsonNode mail = mails.get(0);
        assertThat(mail.path("from").asText()).isEqualTo("no-reply@supportdesk.example");
        assertThat(mail.path("subject").asText())
                .isEqualTo("Support Desk verification code for " + f.organization.name());
        assertThat(f.mailsTo(VerificationFixture.UNREGISTERED_PHONE)).isEmpty();

        String id = json.path("verificationId").asText();
        String code = f.lastCodeMailedTo(f.email);
        HttpResult confirmed = f.confirm(id, code);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        JsonNode grant = confirmed.json().path("grant");
        assertThat(confirmed.json().path("method").asText()).isEqualTo("CODE");
        AccessGrant valid = f.grants()
                .valid(grant.path("grantId").asText(), AGENT, f.tenant, START.plusSeconds(5))
                .orElseThrow();
        assertThat(valid.verificationId()).isEqualTo(id);

        HttpResult again = f.confirm(id, code);
        assertThat(again.status()).as("single use").isEqualTo(422);
        assertThat(again.errorCode()).isEqualTo("VERIFICATION_FAILED");
    }

    @Test
    void grantsAreValidOnlyForTheirAgentTenantAndLifetime(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String grantId = f.start(Map.of("callerPhone", f.phone))
                .json()
                .path("grant")
                .path("grantId")
                .asText();
        var grants = f.grants();
        assertThat(grants.valid(grantId, AGENT, f.tenant, START)).isPresent();
        assertThat(grants.valid(
                        grantId,
                        AGENT,
                        f.tenant,
                        START.plus(Duration.ofMinutes(30)).minusMillis(1)))
                .isPresent();
        assertThat(grants.valid(grantId, AGENT, f.tenant, START.plus(Duration.ofMinutes(30))))
                .isEmpty();
        assertThat(grants.valid(grantId, "agent-someone-else", f.tenant, START)).isEmpty();
        assertThat(grants.valid(grantId, AGENT, "another-tenant", START)).isEmpty();
        assertThat(grants.valid("GRT-0000-0000-0000-0000-0000", AGENT, f.tenant, START))
                .isEmpty();
        assertThat(grants.valid("not a grant", AGENT, f.tenant, START)).isEmpty();
        assertThat(grants.valid(null, AGENT, f.tenant, START)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "en    | Support Desk verification code for | Never share it with anyone who called you | expires in 10 minutes, at 2026-11-27 09:10 (Asia/Shanghai)",
                "ja    | サポート デスク 本人確認コード             | かかってきた電話の相手には、誰であっても絶対にこのコードを教えないでください | 有効期限は 10 分間（2026-11-27 09:10 (Asia/Shanghai) まで）",
                "zh-CN | 支持服务台身份验证码                     | 切勿将验证码告诉任何给您打来电话的人 | 此验证码 10 分钟内有效（至 2026-11-27 09:10 (Asia/Shanghai)）",
            })
    void theCodeMailIsInTheTenantsLanguageAndNamesPurposeExpiryAndNeverToShare(
            String tag, String subject, String neverShare, String expiry, LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws, Language.fromTag(tag), Map.of());
        String id = f.startCode();
        JsonNode mail = f.mailsTo(f.email).get(0);
        assertThat(mail.path("subject").asText()).startsWith(subject.strip());
        String text = mail.path("body").path("text").asText();
        assertThat(text).contains(neverShare.strip()).contains(expiry.strip()).contains(f.organization.name());
        assertThat(f.confirm(id, f.lastCodeMailedTo(f.email)).status()).isEqualTo(200);
    }

    @Test
    void everyRegisteredContactIsToldWhenAVerificationSucceeds(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        assertThat(f.confirm(id, f.lastCodeMailedTo(f.email)).status()).isEqualTo(200);
        f.deliverNotices();
        for (String address : List.of(f.email, f.email2)) {
            List<JsonNode> mails = f.mailsTo(address);
            assertThat(mails.get(mails.size() - 1).path("subject").asText())
                    .isEqualTo("Support Desk: a phone caller was verified as an administrator of "
                            + f.organization.name());
        }
        // the phone gets the notice by SMS: see VerificationSmsTest
    }

    @ParameterizedTest
    @ValueSource(strings = {"[admin]", "[operator]", "[user]"})
    void onlyAgentsVerify(String groups, LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        ObjectNode event = f.startEvent(Map.of());
        ObjectNode claims = event.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims");
        claims.put("groups", groups);
        claims.put("tenant_id", f.tenant);
        assertThat(invoke(f.handler, event).status()).isEqualTo(403);
        assertThat(f.mailsTo(f.email)).isEmpty();

        String id = f.startCode();
        ObjectNode confirm = f.confirmEvent(id, f.lastCodeMailedTo(f.email), AGENT);
        ObjectNode confirmClaims = confirm.withObject("requestContext")
                .withObject("authorizer")
                .withObject("jwt")
                .withObject("claims");
        confirmClaims.put("groups", groups);
        confirmClaims.put("tenant_id", f.tenant);
        assertThat(invoke(f.handler, confirm).status()).isEqualTo(403);
    }

    @Test
    void theDestinationIsChosenFromTheRegisteredContactsNeverTypedIn(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        HttpResult typed = f.start(Map.of("email", "attacker@evil.example"));
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.errorCode()).isEqualTo("UNKNOWN_FIELD");
        HttpResult destination = f.start(Map.of("destination", "attacker@evil.example"));
        assertThat(destination.status()).isEqualTo(400);
        HttpResult unknown = f.start(Map.of("contactId", "attacker@evil.example"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorCode()).isEqualTo("UNKNOWN_CONTACT");
        assertThat(f.mailsTo("attacker@evil.example")).isEmpty();

        JsonNode contacts = f.start().json().path("contacts");
        String second = null;
        for (JsonNode contact : contacts) {
            if (contact.path("destination").asText().equals("i***@contoso.example")) {
                second = contact.path("contactId").asText();
            }
        }
        assertThat(second).isNotNull();
        HttpResult chosen = f.start(Map.of("contactId", second));
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(201);
        assertThat(chosen.json().path("destination").asText()).isEqualTo("i***@contoso.example");
        assertThat(f.mailsTo(f.email2)).hasSize(1);
    }

    @Test
    void unknownOrganisationsAndBadInputAreClientErrors(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        assertThat(f.start(Map.of("tenantId", "no-such-tenant")).status()).isEqualTo(404);
        assertThat(f.start(Map.of("callerPhone", "13800138000")).status()).isEqualTo(400);
        assertThat(f.start(Map.of("channel", "FAX")).status()).isEqualTo(400);
        String id = f.startCode();
        assertThat(f.confirm(id, "12ab5678").status()).isEqualTo(400);
        assertThat(f.confirm(id, "1234567").status()).isEqualTo(400);
        // malformed input is refused before it is evaluated: the right code still works
        assertThat(f.confirm(id, f.lastCodeMailedTo(f.email)).status()).isEqualTo(200);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) com.supportdesk.api.Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
