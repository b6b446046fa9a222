package com.supportdesk.it.verification;

import static com.supportdesk.it.support.Handlers.invoke;
import static com.supportdesk.it.verification.VerificationFixture.AGENT;
import static com.supportdesk.it.verification.VerificationFixture.START;
import static com.supportdesk.it.verification.VerificationFixture.wrong;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The right code consumed, then the grant write failed: the agent's retry gets the grant the
 * verification was consumed for, once, and nothing else ever does.
 */
@ExtendWith(LocalAwsExtension.class)
class VerificationGrantRecoveryTest {

    @Test
    void aRetryAfterAFailedGrantWriteGetsTheGrantOfTheConsumedCodeOnce(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        HttpResult failed = invoke(grantsUnwritable(aws, f), f.confirmEvent(id, code, AGENT));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
        assertThat(state(f, id)).as("the code was consumed").isEqualTo("VERIFIED");

        f.clock.advance(Duration.ofSeconds(5));
        assertThat(f.confirm(id, wrong(code)).status())
                .as("not for a wrong code")
                .isEqualTo(422);
        assertThat(invoke(f.handler, f.confirmEvent(id, code, "agent-other")).status())
                .as("not for another agent")
                .isEqualTo(422);

        HttpResult retried = f.confirm(id, code);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        JsonNode grant = retried.json().path("grant");
        assertThat(grant.path("grantId").asText())
                .as("the grant id stored when the code was consumed")
                .isEqualTo(item(f, id).get("grantId").s());
        assertThat(grant.path("issuedAt").asText())
                .as("issued when the code was consumed")
                .isEqualTo(START.toString());
        assertThat(grant.path("expiresAt").asText())
                .isEqualTo(START.plus(Duration.ofMinutes(30)).toString());
        assertThat(f.grants().valid(grant.path("grantId").asText(), AGENT, f.tenant, f.clock.instant()))
                .isPresent();

        assertThat(f.confirm(id, code).status())
                .as("single use once the grant exists")
                .isEqualTo(422);
        assertThat(f.grantsIssuedFor(id)).isEqualTo(1);
        f.deliverNotices();
        assertThat(f.mailsTo(f.email2))
                .as("every contact is told once, when the grant is issued")
                .filteredOn(m -> m.path("subject").asText().contains("was verified"))
                .hasSize(1);
    }

    @Test
    void parallelRetriesAfterAFailedGrantWriteGetOneGrantOnce(LocalAws aws) throws Exception {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        assertThat(invoke(grantsUnwritable(aws, f), f.confirmEvent(id, code, AGENT))
                        .status())
                .isEqualTo(500);

        List<HttpResult> results = f.confirmAll(id, code, 10);
        assertThat(results).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(results).filteredOn(r -> r.status() == 422).hasSize(9);
        assertThat(f.grantsIssuedFor(id)).isEqualTo(1);
    }

    @Test
    void noGrantIsWrittenOnceItWouldHaveExpired(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        assertThat(invoke(grantsUnwritable(aws, f), f.confirmEvent(id, code, AGENT))
                        .status())
                .isEqualTo(500);
        f.clock.advance(Duration.ofMinutes(30));
        assertThat(f.confirm(id, code).status()).isEqualTo(422);
        assertThat(f.grantsIssuedFor(id)).isZero();
    }

    /** The verification function on the fixture's tables, except that its grants table does not exist. */
    private static HttpApiFunction grantsUnwritable(LocalAws aws, VerificationFixture f) {
        Map<String, String> env = new LinkedHashMap<>(VerificationFixture.FAST);
        env.put("AWS_ENDPOINT_URL_SNS", VerificationFixture.sharedSns().url());
        env.put("ACCESS_GRANTS_TABLE", "no-such-grants-table");
        return Handlers.http(aws, "VerificationFunction", f.clock, env);
    }

    private static Map<String, AttributeValue> item(VerificationFixture f, String id) {
        return f.dynamo()
                .getItem(b -> b.tableName(f.table("VerificationsTable"))
                        .key(Map.of("verificationId", AttributeValue.fromS(id)))
                        .consistentRead(true))
                .item();
    }

    private static String state(VerificationFixture f, String id) {
        return item(f, id).get("state").s();
    }
}
