package com.supportdesk.it.verification;

import static com.supportdesk.it.verification.VerificationFixture.wrong;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Language;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Expiry, attempts, one live code per contact, send limits, the failure counter and suspension. */
@ExtendWith(LocalAwsExtension.class)
class VerificationLimitsTest {

    @Test
    void expiryIsCheckedWhenTheCodeIsConfirmed(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        f.clock.advance(Duration.ofMinutes(10));
        assertThat(f.confirm(id, code).status()).isEqualTo(422);

        VerificationFixture g = new VerificationFixture(aws);
        String id2 = g.startCode();
        g.clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(g.confirm(id2, g.lastCodeMailedTo(g.email)).status()).isEqualTo(200);
    }

    @Test
    void theThirdWrongCodeBurnsTheCode(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        for (int i = 0; i < 3; i++) {
            assertThat(f.confirm(id, wrong(code)).status()).isEqualTo(422);
        }
        assertThat(f.confirm(id, code).status()).isEqualTo(422);
        Map<String, AttributeValue> item = f.dynamo()
                .getItem(b -> b.tableName(f.table("VerificationsTable"))
                        .key(Map.of("verificationId", AttributeValue.fromS(id))))
                .item();
        assertThat(item.get("state").s()).isEqualTo("BURNED");
        assertThat(item.get("attempts").n()).isEqualTo("3");
    }

    @Test
    void twoWrongCodesStillLeaveTheRightOneWorking(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        assertThat(f.confirm(id, wrong(code)).status()).isEqualTo(422);
        assertThat(f.confirm(id, wrong(code)).status()).isEqualTo(422);
        assertThat(f.confirm(id, code).status()).isEqualTo(200);
    }

    @Test
    void aNewCodeVoidsTheLiveOneForThatContact(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String first = f.startCode();
        String firstCode = f.lastCodeMailedTo(f.email);
        f.clock.advance(Duration.ofSeconds(61));
        String second = f.startCode();
        String secondCode = f.lastCodeMailedTo(f.email);
        assertThat(f.confirm(first, firstCode).status()).isEqualTo(422);
        assertThat(f.confirm(second, secondCode).status()).isEqualTo(200);
    }

    @Test
    void aReplacedCodeIsRefusedEvenWhereItWasNeverMarkedVoid(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String first = f.startCode();
        String firstCode = f.lastCodeMailedTo(f.email);
        f.clock.advance(Duration.ofSeconds(61));
        f.startCode();
        // as if the write that voids the replaced code had failed after the new code went out
        f.dynamo().updateItem(b -> b.tableName(f.table("VerificationsTable"))
                .key(Map.of("verificationId", AttributeValue.fromS(first)))
                .updateExpression("SET #s = :pending")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS("PENDING"))));
        assertThat(f.confirm(first, firstCode).status())
                .as("only the contact's live code is accepted")
                .isEqualTo(422);
    }

    @Test
    void reSendsWaitSixtySeconds(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        f.startCode();
        f.clock.advance(Duration.ofSeconds(59));
        HttpResult tooSoon = f.start();
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.errorCode()).isEqualTo("RESEND_TOO_SOON");
        assertThat(f.mailsTo(f.email)).hasSize(1);
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.start().status()).isEqualTo(201);
    }

    @Test
    void atMostThreeCodesPerHourAndFivePerDayPerContact(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        for (int i = 0; i < 3; i++) {
            assertThat(f.start().status()).isEqualTo(201);
            f.clock.advance(Duration.ofSeconds(60));
        }
        HttpResult hourly = f.start();
        assertThat(hourly.status()).isEqualTo(429);
        assertThat(hourly.errorCode()).isEqualTo("SEND_LIMIT_REACHED");
        assertThat(hourly.json().path("error").path("message").asText()).contains("3 codes in an hour");
        // the limit is per contact: another registered contact can still get a code
        assertThat(f.start(Map.of("channel", "EMAIL", "contactId", contactId(f, "i***@contoso.example")))
                        .status())
                .isEqualTo(201);

        f.clock.advance(Duration.ofMinutes(57)); // one hour after the first send
        assertThat(f.start().status()).isEqualTo(201);
        f.clock.advance(Duration.ofSeconds(60));
        assertThat(f.start().status()).isEqualTo(201);
        f.clock.advance(Duration.ofMinutes(70)); // the hour is clear again, the day is not
        HttpResult daily = f.start();
        assertThat(daily.status()).isEqualTo(429);
        assertThat(daily.json().path("error").path("message").asText()).contains("5 codes in 24 hours");
        assertThat(f.mailsTo(f.email))
                .filteredOn(m -> m.path("subject").asText().startsWith("Support Desk verification code"))
                .hasSize(5);

        f.clock.advance(Duration.ofHours(22)); // 24 hours after the first send
        assertThat(f.start().status()).isEqualTo(201);
    }

    @Test
    void tenFailuresInADayAcrossReSendsSuspendTheContactAndEveryContactIsTold(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws, Language.EN, Map.of());
        int failures = 0;
        String lastId = null;
        String lastCode = null;
        for (int round = 0; round < 4; round++) {
            if (round == 3) {
                f.clock.advance(Duration.ofHours(1)); // past the hourly send limit
            } else if (round > 0) {
                f.clock.advance(Duration.ofSeconds(61));
            }
            lastId = f.startCode();
            lastCode = f.lastCodeMailedTo(f.email);
            for (int guess = 0; guess < 3 && failures < 9; guess++) {
                HttpResult result = f.confirm(lastId, wrong(lastCode));
                assertThat(result.status()).as("failure %d", failures + 1).isEqualTo(422);
                failures++;
            }
        }
        assertThat(failures).as("a re-send did not reset the counter").isEqualTo(9);
        HttpResult tenth = f.confirm(lastId, wrong(lastCode));
        assertThat(tenth.status()).isEqualTo(423);
        assertThat(tenth.errorCode()).isEqualTo("CONTACT_SUSPENDED");

        // suspended: no more codes to that contact, and even the right code of its live verification is refused
        assertThat(f.confirm(lastId, lastCode).status()).isEqualTo(423);
        f.clock.advance(Duration.ofMinutes(2));
        HttpResult start = f.start();
        assertThat(start.status()).isEqualTo(423);
        assertThat(start.errorCode()).isEqualTo("CONTACT_SUSPENDED");

        f.deliverNotices();
        for (String address : List.of(f.email, f.email2)) {
            assertThat(f.mailsTo(address))
                    .extracting(m -> m.path("subject").asText())
                    .containsOnlyOnce(
                            "Support Desk: verification codes suspended for a contact of " + f.organization.name());
        }
        // another registered contact still works, and the suspension ends after 24 hours
        assertThat(f.start(Map.of("contactId", contactId(f, "i***@contoso.example")))
                        .status())
                .isEqualTo(201);
        f.clock.advance(Duration.ofHours(24));
        assertThat(f.start().status()).isEqualTo(201);
    }

    @Test
    void nineFailuresDoNotSuspend(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        for (int round = 0; round < 3; round++) {
            f.clock.advance(Duration.ofSeconds(61));
            String id = f.startCode();
            String code = f.lastCodeMailedTo(f.email);
            for (int guess = 0; guess < 3; guess++) {
                assertThat(f.confirm(id, wrong(code)).status()).isEqualTo(422);
            }
        }
        f.clock.advance(Duration.ofHours(1));
        String id = f.startCode();
        assertThat(f.confirm(id, f.lastCodeMailedTo(f.email)).status()).isEqualTo(200);
    }

    private static String contactId(VerificationFixture f, String masked) {
        JsonNode contacts = f.start(Map.of("callerPhone", f.phone)).json().path("contacts");
        List<String> ids = new ArrayList<>();
        contacts.forEach(c -> {
            if (c.path("destination").asText().equals(masked)) {
                ids.add(c.path("contactId").asText());
            }
        });
        return ids.get(0);
    }
}
