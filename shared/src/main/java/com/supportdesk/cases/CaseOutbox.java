package com.supportdesk.cases;

import com.supportdesk.notifications.requests.NotificationPublisher;
import com.supportdesk.notifications.requests.NotificationRequest;
import com.supportdesk.runtime.Log;
import java.util.Collection;
import java.util.Map;

/**
 * A case's outbox: notification requests are written into the case item in the same conditional write as
 * the change that causes them, and only then published. An entry leaves the outbox once the topic accepted
 * it; if publishing fails, or the process stops first, the entry stays and the case is due for the sweep
 * (see {@code CaseRepository#toItem}), which publishes it again. So a request is published at least once and
 * never lost; the dispatcher sends each {@code notificationId} once.
 */
public final class CaseOutbox {
    private final CaseRepository cases;
    private final NotificationPublisher publisher;

    public CaseOutbox(CaseRepository cases, NotificationPublisher publisher) {
        this.cases = cases;
        this.publisher = publisher;
    }

    /** Publishes requests already stored in the case's outbox; each one that the topic accepted leaves it. */
    public void publish(String caseId, Collection<NotificationRequest> requests) {
        for (NotificationRequest request : requests) {
            try {
                publisher.publish(request);
            } catch (RuntimeException e) {
                Log.error(
                        "notification_publish_failed",
                        Map.of(
                                "caseId",
                                caseId,
                                "notificationId",
                                request.notificationId(),
                                "exception",
                                e.getClass().getName()),
                        e);
                continue;
            }
            try {
                cases.removeFromOutbox(caseId, request.notificationId());
            } catch (RuntimeException e) {
                // the change itself is stored: the entry stays and is published again (at least once)
                Log.info(
                        "outbox_entry_not_removed",
                        Map.of(
                                "caseId",
                                caseId,
                                "notificationId",
                                request.notificationId(),
                                "exception",
                                e.getClass().getName()));
            }
        }
    }
}
