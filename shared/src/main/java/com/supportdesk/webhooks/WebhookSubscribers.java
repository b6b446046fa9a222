package com.supportdesk.webhooks;

import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.notifications.requests.NotificationType;
import java.util.List;

/**
 * For the dispatcher: the webhooks of an organisation that subscribe to a type, with their URL and secret
 * opened (in memory only, for the delivery).
 */
public final class WebhookSubscribers {
    /** A webhook and where to send. */
    public record Subscriber(Webhook webhook, WebhookTarget target) {}

    private final WebhookRepository webhooks;
    private final WebhookSeal seal;

    public WebhookSubscribers(WebhookRepository webhooks, WebhookSeal seal) {
        this.webhooks = webhooks;
        this.seal = seal;
    }

    /** One Query of the tenant's webhooks; none for a type no webhook may subscribe to. */
    public List<Subscriber> of(String tenantId, NotificationType type) {
        if (!WebhookEvents.SUPPORTED.contains(type)) {
            return List.of();
        }
        return webhooks.list(tenantId).stream()
                .filter(w -> w.subscribes(type))
                .map(w -> new Subscriber(w, seal.open(w.tenantId(), w.webhookId(), w.sealed())))
                .toList();
    }

    /**
     * The event a request tells of, the same for all its recipients: producers that tell one event to
     * several recipients name each request {@code <event>#<recipient ref>} (the sweep's
     * {@code <case>#SLA_BREACH#<due>#SUPPORT_QUEUE}), so that suffix is dropped. A webhook's delivery is
     * keyed on the event, so it is sent once however many requests the event made.
     */
    public static String eventId(NotificationRequest request) {
        String id = request.notificationId();
        String suffix = "#" + request.recipient().ref();
        return id.endsWith(suffix) ? id.substring(0, id.length() - suffix.length()) : id;
    }
}
