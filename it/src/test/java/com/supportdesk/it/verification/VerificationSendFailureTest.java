package com.supportdesk.it.verification;

import static com.supportdesk.it.support.Handlers.invoke;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A start that fails on its way out (the HMAC secret cannot be read, SNS refuses the SMS) changes
 * nothing the caller relies on: the previous code still works, and the send that never went out does
 * not count toward the cooldown or the hourly and daily limits.
 */
@ExtendWith(LocalAwsExtension.class)
class VerificationSendFailureTest {
    private static final Map<String, String> SMS = Map.of("channel", "SMS");

    @Test
    void aFailedSmsLeavesThePreviousCodeValid(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        HttpApiFunction smsDown = withEnv(aws, f, Map.of("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9"));
        HttpResult first = f.start(SMS);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String code = lastSmsCode(f);

        f.clock.advance(Duration.ofSeconds(61));
        HttpResult failed = invoke(smsDown, f.startEvent(SMS));
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.errorCode()).isEqualTo("DELIVERY_FAILED");

        HttpResult confirmed = f.confirm(first.json().path("verificationId").asText(), code);
        assertThat(confirmed.status())
                .as("the previous code survives a send that never went out")
                .isEqualTo(200);
    }

    @Test
    void failedSmsSendsCountTowardNeitherTheCooldownNorTheLimits(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        HttpApiFunction smsDown = withEnv(aws, f, Map.of("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9"));
        for (int i = 0; i < 4; i++) {
            HttpResult failed = invoke(smsDown, f.startEvent(SMS));
            assertThat(failed.status()).as("failed send %d", i + 1).isEqualTo(502);
        }
        for (int i = 0; i < 3; i++) {
            HttpResult sent = f.start(SMS);
            assertThat(sent.status())
                    .as("send %d after the failures: %s", i + 1, sent)
                    .isEqualTo(201);
            f.clock.advance(Duration.ofSeconds(60));
        }
        HttpResult fourth = f.start(SMS);
        assertThat(fourth.status())
                .as("the limits still hold for sends that went out")
                .isEqualTo(429);
        assertThat(fourth.errorCode()).isEqualTo("SEND_LIMIT_REACHED");
    }

    @Test
    void anUnreadableHmacSecretLeavesThePreviousCodeValidAndUsesNoSend(LocalAws aws) {
        try (FakeAwsHttp noSecret = new FakeAwsHttp()) { // GetSecretValue is not stubbed: every read fails
            VerificationFixture f = new VerificationFixture(aws);
            HttpApiFunction keyUnreadable = withEnv(
                    aws,
                    f,
                    Map.of(
                            "PIN_HMAC_SECRET_ARN",
                                    "arn:aws:secretsmanager:us-east-1:000000000000:secret:PinHmacKeySecret",
                            "PIN_HMAC_KEY", "",
                            "AWS_ENDPOINT_URL_SECRETSMANAGER", noSecret.url()));
            String id = f.startCode();
            String code = f.lastCodeMailedTo(f.email);

            f.clock.advance(Duration.ofSeconds(61));
            HttpResult failed = invoke(keyUnreadable, f.startEvent(Map.of()));
            assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
            assertThat(noSecret.secretReads()).as("the secret was asked for").isPositive();
            assertThat(f.mailsTo(f.email)).as("no second code went out").hasSize(1);

            assertThat(f.confirm(id, code).status())
                    .as("the previous code still works")
                    .isEqualTo(200);
            HttpResult next = f.start();
            assertThat(next.status())
                    .as("no cooldown from the failed start: %s", next)
                    .isEqualTo(201);
        }
    }

    /** The verification function on the fixture's tables, key and clock, with {@code env} laid over. */
    private static HttpApiFunction withEnv(LocalAws aws, VerificationFixture f, Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>(VerificationFixture.FAST);
        all.put("AWS_ENDPOINT_URL_SNS", VerificationFixture.sharedSns().url());
        all.putAll(env);
        return Handlers.http(aws, "VerificationFunction", f.clock, all);
    }

    private static String lastSmsCode(VerificationFixture f) {
        List<Map<String, String>> sent = VerificationFixture.sharedSns().publishedTo(f.phone);
        return VerificationFixture.codeIn(sent.get(sent.size() - 1).get("Message"));
    }
}
