package com.supportdesk.it.verification;

import static com.supportdesk.it.verification.VerificationFixture.AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.it.support.Handlers;
import com.supportdesk.it.support.HttpResult;
import com.supportdesk.it.support.LocalAwsExtension;
import com.supportdesk.it.support.MutableClock;
import com.supportdesk.lambda.HttpApiFunction;
import com.supportdesk.local.LocalAws;
import com.supportdesk.model.Language;
import com.supportdesk.verification.PinHasher;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Only an HMAC keyed outside the table is stored; the key comes from the secret, read once, on first use. */
@ExtendWith(LocalAwsExtension.class)
class HmacKeyTest {
    private static final String SECRET = "s3cr3tKeyFromSecretsManager0123456789abcdefghijklmnopqrstuvwxyzAB";
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:PinHmacKeySecret";
    private static final String STRAY_KEY = "a-stray-local-key-that-must-never-win-0123";

    @Test
    void theTableHoldsOnlyTheHmacOfIdAndCodeUnderTheConfiguredKey(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        Map<String, AttributeValue> item = f.dynamo()
                .getItem(b -> b.tableName(f.table("VerificationsTable"))
                        .key(Map.of("verificationId", AttributeValue.fromS(id))))
                .item();
        byte[] stored = item.get("codeHash").b().asByteArray();
        byte[] expected = new PinHasher(() ->
                        LocalAwsExtension.LOCAL_SETTINGS.get("PIN_HMAC_KEY").getBytes(StandardCharsets.UTF_8))
                .hash(id, code.replace(" ", "").toCharArray());
        assertThat(stored).isEqualTo(expected).hasSize(32);
        assertThat(item.toString()).doesNotContain(code.replace(" ", "")).doesNotContain(code);
    }

    @Test
    void aFunctionWithAnotherKeyCannotConfirmTheCode(LocalAws aws) {
        VerificationFixture f = new VerificationFixture(aws);
        String id = f.startCode();
        String code = f.lastCodeMailedTo(f.email);
        HttpApiFunction otherKey = Handlers.http(
                aws,
                "VerificationFunction",
                f.clock,
                Map.of("PIN_HMAC_KEY", "another-key-another-key-another-key-0123", "PIN_CONFIRM_MIN_DURATION", "PT0S"));
        assertThat(Handlers.invoke(otherKey, f.confirmEvent(id, code, AGENT)).status())
                .isEqualTo(422);
        assertThat(f.confirm(id, code).status()).isEqualTo(200);
    }

    @Test
    void inAwsTheKeyIsReadFromTheSecretOnFirstUseAndOnlyOnce(LocalAws aws) {
        try (FakeAwsHttp secrets = new FakeAwsHttp()) {
            secrets.secret(ARN, SECRET);
            VerificationFixture f = new VerificationFixture(
                    aws,
                    Language.EN,
                    Map.of(
                            "PIN_HMAC_SECRET_ARN",
                            ARN, // as deployed: the secret, and no local key
                            "PIN_HMAC_KEY",
                            "",
                            "AWS_ENDPOINT_URL_SECRETSMANAGER",
                            secrets.url()));
            assertThat(secrets.secretReads())
                    .as("nothing read at construction (before a SnapStart snapshot)")
                    .isZero();

            String id = f.startCode();
            assertThat(secrets.secretReads()).isEqualTo(1);
            String code = f.lastCodeMailedTo(f.email);
            HttpResult confirmed = f.confirm(id, code);
            assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
            assertThat(secrets.secretReads())
                    .as("kept for the container's life")
                    .isEqualTo(1);

            Map<String, AttributeValue> item = f.dynamo()
                    .getItem(b -> b.tableName(f.table("VerificationsTable"))
                            .key(Map.of("verificationId", AttributeValue.fromS(id))))
                    .item();
            byte[] expected = new PinHasher(() -> SECRET.getBytes(StandardCharsets.UTF_8))
                    .hash(id, code.replace(" ", "").toCharArray());
            assertThat(item.get("codeHash").b().asByteArray()).isEqualTo(expected);
        }
    }

    @Test
    void inAwsASetLocalKeyStopsTheFunctionFromStarting(LocalAws aws) {
        try (FakeAwsHttp secrets = new FakeAwsHttp()) {
            secrets.secret(ARN, SECRET);
            Map<String, String> deployedWithStrayKey = Map.of(
                    "PIN_HMAC_SECRET_ARN",
                    ARN,
                    "PIN_HMAC_KEY",
                    STRAY_KEY,
                    "AWS_ENDPOINT_URL_SECRETSMANAGER",
                    secrets.url());
            assertThatThrownBy(() -> Handlers.http(
                            aws,
                            "VerificationFunction",
                            new MutableClock(VerificationFixture.START),
                            deployedWithStrayKey))
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PIN_HMAC_KEY")
                    .hasMessageContaining("PIN_HMAC_SECRET_ARN")
                    .hasMessageNotContaining(STRAY_KEY);
            assertThat(secrets.secretReads()).isZero();
        }
    }

    @Test
    void locallyWithoutASecretTheLocalKeyIsUsed(LocalAws aws) {
        try (FakeAwsHttp secrets = new FakeAwsHttp()) {
            VerificationFixture f = new VerificationFixture(
                    aws,
                    Language.EN,
                    Map.of(
                            "PIN_HMAC_SECRET_ARN",
                            "",
                            "PIN_HMAC_KEY",
                            STRAY_KEY,
                            "AWS_ENDPOINT_URL_SECRETSMANAGER",
                            secrets.url()));
            String id = f.startCode();
            String code = f.lastCodeMailedTo(f.email);
            Map<String, AttributeValue> item = f.dynamo()
                    .getItem(b -> b.tableName(f.table("VerificationsTable"))
                            .key(Map.of("verificationId", AttributeValue.fromS(id))))
                    .item();
            byte[] expected = new PinHasher(() -> STRAY_KEY.getBytes(StandardCharsets.UTF_8))
                    .hash(id, code.replace(" ", "").toCharArray());
            assertThat(item.get("codeHash").b().asByteArray()).isEqualTo(expected);
            assertThat(secrets.secretReads()).isZero();
        }
    }

    @Test
    void withNeitherSecretNorLocalKeyTheFunctionDoesNotStart(LocalAws aws) {
        assertThatThrownBy(() -> Handlers.http(
                        aws,
                        "VerificationFunction",
                        new MutableClock(VerificationFixture.START),
                        Map.of("PIN_HMAC_SECRET_ARN", "", "PIN_HMAC_KEY", "")))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PIN_HMAC_SECRET_ARN")
                .hasMessageContaining("PIN_HMAC_KEY");
    }
}
