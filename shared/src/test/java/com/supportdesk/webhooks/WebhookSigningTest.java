package com.supportdesk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Known vectors for each signing scheme, computed outside Java (openssl dgst -sha256 -hmac, base64), and the
 * receiver's side of the desk's own signature.
 */
class WebhookSigningTest {
    private static final long SECONDS = 1_795_741_200L; // 2026-11-27T01:00:00Z
    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theDesksSignatureIsHexHmacSha256OfTimestampDotBody() {
        // printf '1795741200.{"a":1}' | openssl dgst -sha256 -hmac 'whsec-test-0123456789'
        assertThat(WebhookSigning.signature("whsec-test-0123456789", SECONDS, BODY))
                .isEqualTo("v1=1e0b5120f129ae75b83592fe67216e6e58b81834179e9c2d1f775a96732f941d");
    }

    @Test
    void dingTalksSignIsBase64HmacOfTimestampNewlineSecretKeyedWithTheSecretThenUrlEncoded() {
        // printf '1795741200000\nSEC0123456789abcdef' | openssl dgst -sha256 -hmac 'SEC0123456789abcdef' -binary |
        // base64
        assertThat(WebhookSigning.dingTalkSign("SEC0123456789abcdef", SECONDS * 1000))
                .isEqualTo("tpEsJuIqli9W5a7WInkNzmCIVnWDm5bupG0wXGckHvI=");
        assertThat(WebhookSigning.dingTalkQuery("SEC0123456789abcdef", SECONDS * 1000))
                .isEqualTo("timestamp=1795741200000&sign=tpEsJuIqli9W5a7WInkNzmCIVnWDm5bupG0wXGckHvI%3D");
    }

    @Test
    void feishusSignIsBase64HmacOfNothingKeyedWithTimestampNewlineSecret() {
        // printf '' | openssl dgst -sha256 -mac HMAC -macopt "key:$(printf '1795741200\nfeishu-secret-0123')" -binary |
        // base64
        assertThat(WebhookSigning.feishuSign("feishu-secret-0123", SECONDS))
                .isEqualTo("qtQzKPo29OSEYmlsNoq3f3qk4YDHSy1AKBoEsZRt/bo=");
    }

    @Test
    void aReceiverAcceptsTheSignedBodyWithinFiveMinutesAndNothingElse() {
        String secret = "whsec-test-0123456789";
        String signature = WebhookSigning.signature(secret, SECONDS, BODY);
        Instant sent = Instant.ofEpochSecond(SECONDS);
        String ts = Long.toString(SECONDS);

        assertThat(WebhookSigning.verify(secret, ts, signature, BODY, sent)).isTrue();
        assertThat(WebhookSigning.verify(secret, ts, signature, BODY, sent.plusSeconds(299)))
                .isTrue();
        // a replay after the tolerance, a changed body, another secret, a shifted timestamp: refused
        assertThat(WebhookSigning.verify(secret, ts, signature, BODY, sent.plusSeconds(301)))
                .isFalse();
        assertThat(WebhookSigning.verify(secret, ts, signature, BODY, sent.minusSeconds(301)))
                .isFalse();
        assertThat(WebhookSigning.verify(secret, ts, signature, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), sent))
                .isFalse();
        assertThat(WebhookSigning.verify("another-secret-0123456", ts, signature, BODY, sent))
                .isFalse();
        assertThat(WebhookSigning.verify(secret, Long.toString(SECONDS + 1), signature, BODY, sent))
                .isFalse();
        assertThat(WebhookSigning.verify(secret, "1.5e9", signature, BODY, sent))
                .isFalse();
        assertThat(WebhookSigning.verify(secret, null, signature, BODY, sent)).isFalse();
    }
}
