package com.supportdesk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSealTest {
    private final WebhookSeal seal =
            new WebhookSeal(() -> "unit-tests-only-webhook-seal-key-0123456789".getBytes(StandardCharsets.UTF_8));
    private final WebhookTarget target = new WebhookTarget(
            "https://oapi.dingtalk.com/robot/send?access_token=tok-123", "SEC-secret-value-0123456789");

    @Test
    void aSealedTargetOpensOnlyForItsOwnTenantAndWebhookAndHoldsNoPlaintext() {
        String sealed = seal.seal("contoso", "WH-AAAA-BBBB-CCCC", target);
        assertThat(sealed).startsWith("wh1.").doesNotContain("tok-123", "SEC-secret", "dingtalk");
        assertThat(seal.open("contoso", "WH-AAAA-BBBB-CCCC", sealed)).isEqualTo(target);
        // copied onto another tenant's item, or another webhook's: it does not open
        assertThatThrownBy(() -> seal.open("fabrikam", "WH-AAAA-BBBB-CCCC", sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("tok-123");
        assertThatThrownBy(() -> seal.open("contoso", "WH-AAAA-BBBB-DDDD", sealed))
                .isInstanceOf(IllegalStateException.class);
        // under another key: it does not open
        WebhookSeal other =
                new WebhookSeal(() -> "another-key-another-key-another-key-0123".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> other.open("contoso", "WH-AAAA-BBBB-CCCC", sealed))
                .isInstanceOf(IllegalStateException.class);
        // every seal is fresh (a random nonce)
        assertThat(seal.seal("contoso", "WH-AAAA-BBBB-CCCC", target)).isNotEqualTo(sealed);
        assertThat(target.toString()).doesNotContain("tok-123");
    }
}
