package com.supportdesk.webhooks;

import com.supportdesk.notifications.requests.NotificationType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The notification types a webhook may subscribe to: the events of a case. The PIN notices (a caller
 * verified, a contact suspended) are left out on purpose: they go to the registered contacts only, never
 * to a group chat. A type added to {@link NotificationType} later reaches no webhook until it is added here.
 */
public final class WebhookEvents {
    public static final Set<NotificationType> SUPPORTED = EnumSet.of(
            NotificationType.CASE_ACKNOWLEDGEMENT,
            NotificationType.CASE_RESPONSE,
            NotificationType.SLA_WARNING,
            NotificationType.SLA_BREACH,
            NotificationType.FOLLOW_UP_OVERDUE,
            NotificationType.DOWNGRADE_NOTICE,
            NotificationType.SEVERITY_DOWNGRADED,
            NotificationType.CASE_AUTO_CLOSED);

    private WebhookEvents() {}
}
