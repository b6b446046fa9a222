package com.supportdesk.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as the API shows it: never the secret, never the URL's path or query (a bot's key or token is
 * there), and not even whether a secret is set (every webhook has one).
 */
public record WebhookView(
        String webhookId, String name, WebhookFormat format, List<String> events, String endpoint, Instant createdAt) {

    static WebhookView of(Webhook w) {
        return new WebhookView(
                w.webhookId(),
                w.name(),
                w.format(),
                w.events().stream().map(Enum::name).sorted().toList(),
                w.endpoint(),
                w.createdAt());
    }

    /** {@code GET /webhooks}. */
    public record Listing(List<WebhookView> webhooks, int maximum) {}
}
