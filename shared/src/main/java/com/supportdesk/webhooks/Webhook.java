package com.supportdesk.webhooks;

import com.supportdesk.notifications.requests.NotificationType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A stored webhook of one organisation.
 *
 * @param slot     which of the organisation's {@link WebhookService#MAX_PER_TENANT} places it holds (the
 *                 item's sort key): registrations race for a free place with a conditional put, so no
 *                 number of concurrent registrations stores more than the maximum
 * @param endpoint what the API shows of the URL: scheme, host and port only (the path and query of a bot's
 *                 URL carry its key or token)
 * @param sealed   the URL and secret, sealed ({@link WebhookSeal})
 */
public record Webhook(
        String tenantId,
        String webhookId,
        int slot,
        String name,
        WebhookFormat format,
        Set<NotificationType> events,
        String endpoint,
        String sealed,
        Instant createdAt,
        String createdBy) {

    public Webhook {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(format, "format");
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
    }

    public boolean subscribes(NotificationType type) {
        return events.contains(type);
    }

    @Override
    public String toString() {
        return "Webhook[" + tenantId + "/" + webhookId + "]";
    }
}
