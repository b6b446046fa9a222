package com.supportdesk.cases;

import com.supportdesk.notifications.requests.NotificationRequest;
import java.util.List;
import java.util.Map;

/**
 * A case as read from the table: the case, the messages its history names, and the notification
 * requests written with it that were not yet confirmed as published (the outbox).
 */
public record StoredCase(SupportCase supportCase, List<CaseMessage> messages, Map<String, NotificationRequest> outbox) {
    public StoredCase {
        messages = List.copyOf(messages);
        outbox = Map.copyOf(outbox);
    }
}
