package com.supportdesk.notifications.requests;

import com.supportdesk.model.Language;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request to notify someone, published to the notifications topic. Small and versioned; it carries
 * references only, never an address, a code or any other secret.
 *
 * <pre>{@code {"schema":"supportdesk.notification-request","version":1,"notificationId":"CS-…#2",
 *   "type":"CASE_RESPONSE","tenantId":"contoso","caseId":"CS-…","recipient":{"ref":"CASE_CONTACT","channel":"EMAIL"},
 *   "language":"en","occurredAt":"2026-11-27T01:00:00Z","details":{}}}</pre>
 *
 * @param notificationId stable for one event of one case, so that a re-publication is recognised and
 *                       sent only once by the dispatcher
 * @param caseId         the case it is about; null for notices about an organisation (PIN verification)
 * @param details        what the message needs beyond the case, as text (for example {@code fromSeverity},
 *                       {@code toSeverity}, {@code dueAt}); public to everyone the message reaches, so never
 *                       an address, a code, a token or a grant id
 */
public record NotificationRequest(
        String schema,
        int version,
        String notificationId,
        NotificationType type,
        String tenantId,
        String caseId,
        Recipient recipient,
        Language language,
        Instant occurredAt,
        Map<String, String> details) {

    public static final String SCHEMA = "supportdesk.notification-request";
    public static final int VERSION = 1;

    public NotificationRequest {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(recipient, "recipient");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static NotificationRequest of(
            String notificationId,
            NotificationType type,
            String tenantId,
            String caseId,
            Recipient recipient,
            Language language,
            Instant occurredAt) {
        return of(notificationId, type, tenantId, caseId, recipient, language, occurredAt, Map.of());
    }

    public static NotificationRequest of(
            String notificationId,
            NotificationType type,
            String tenantId,
            String caseId,
            Recipient recipient,
            Language language,
            Instant occurredAt,
            Map<String, String> details) {
        return new NotificationRequest(
                SCHEMA, VERSION, notificationId, type, tenantId, caseId, recipient, language, occurredAt, details);
    }
}
